package dev.plenum.media.forward;

/**
 * The header extension ids (RFC 8285) one leg negotiated for the extensions Plenum forwards; 0 where the leg did
 * not negotiate that extension.
 *
 * @param mid          {@code urn:ietf:params:rtp-hdrext:sdes:mid} (RFC 9143 §15.1)
 * @param audioLevel   {@code urn:ietf:params:rtp-hdrext:ssrc-audio-level} (RFC 6464)
 * @param absSendTime  {@code http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time}
 * @param transportCc  transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01)
 */
public record ExtensionIds(int mid, int audioLevel, int absSendTime, int transportCc) {

    public ExtensionIds {
        for (int id : new int[] {mid, audioLevel, absSendTime, transportCc}) {
            if (id < 0 || id > 255) throw new IllegalArgumentException("extension ids are 1..255 (0: absent): " + id);
        }
    }
}
