package dev.plenum.media.sdp;

/**
 * The codecs, payload types and header extension ids Plenum's SFU offers. They are fixed so the media plane can rely
 * on them without a per-participant table: JSEP answerers keep the offered payload types and extension ids.
 */
public final class ServerCodecs {
    public static final int OPUS_PT = 111;
    public static final String OPUS_RTPMAP = "opus/48000/2";
    public static final String OPUS_FMTP = "minptime=10;useinbandfec=1";
    public static final int VP8_PT = 96;
    public static final String VP8_RTPMAP = "VP8/90000";
    public static final int VP8_RTX_PT = 97;
    public static final String RTX_RTPMAP = "rtx/90000";

    public static final int EXT_MID = 1;
    public static final String EXT_MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final int EXT_AUDIO_LEVEL = 2;
    public static final String EXT_AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final int EXT_ABS_SEND_TIME = 3;
    public static final String EXT_ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final int EXT_TRANSPORT_CC = 4;
    public static final String EXT_TRANSPORT_CC_URI =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /** RFC 8852 §3.1: which simulcast layer (RID) a packet belongs to; only on receiving video slots. */
    public static final int EXT_RID = 5;
    public static final String EXT_RID_URI = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852 §3.2: which layer a retransmission repairs. */
    public static final int EXT_REPAIRED_RID = 6;
    public static final String EXT_REPAIRED_RID_URI = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /**
     * The simulcast layers a camera is asked for, lowest first: a quarter, a half and the whole capture size (the
     * browser's default scaling for three encodings, which the web client also sets explicitly).
     */
    public static final java.util.List<String> SIMULCAST_RIDS = java.util.List.of("q", "h", "f");

    private ServerCodecs() {
    }
}
