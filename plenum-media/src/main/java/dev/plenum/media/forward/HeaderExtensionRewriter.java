package dev.plenum.media.forward;

import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites the header extension elements (RFC 8285) of a packet forwarded from a publisher's leg to a subscriber's,
 * in place, in either form (one-byte §4.2, two-byte §4.3):
 * <ul>
 *   <li>audio level (RFC 6464) and abs-send-time keep their values and take the subscriber's ids;</li>
 *   <li>mid carries the subscriber's mid: the publisher's names an m-section of another PeerConnection. When the
 *       subscriber's mid is longer than the element, the element is removed;</li>
 *   <li>the transport-wide sequence number keeps its slot under the subscriber's id; the subscriber's transport
 *       writes its own number into it when it sends (the publisher's numbers are never passed on);</li>
 *   <li>every other element, and any the subscriber did not negotiate, is removed.</li>
 * </ul>
 * A removed element becomes padding (zero bytes, allowed between elements in both forms), so the header keeps its
 * length and nothing moves. An id that the one-byte form cannot carry (over 14) removes the element too.
 *
 * <p>Immutable, and allocates nothing per packet: a new instance is made when a leg renegotiates.
 */
public final class HeaderExtensionRewriter {
    private static final int MID = 1;
    private static final int AUDIO_LEVEL = 2;
    private static final int ABS_SEND_TIME = 3;
    private static final int TRANSPORT_CC = 4;

    /** Publisher id -> what it carries (0: nothing forwarded). */
    private final byte[] roleOfInputId = new byte[256];
    /** What it carries -> subscriber id (0: not negotiated). */
    private final int[] outputIdOfRole = new int[5];
    private final byte[] mid;
    private final ExtensionIds output;

    public HeaderExtensionRewriter(ExtensionIds input, ExtensionIds output, String subscriberMid) {
        this.output = output;
        role(input.mid(), MID);
        role(input.audioLevel(), AUDIO_LEVEL);
        role(input.absSendTime(), ABS_SEND_TIME);
        role(input.transportCc(), TRANSPORT_CC);
        outputIdOfRole[MID] = output.mid();
        outputIdOfRole[AUDIO_LEVEL] = output.audioLevel();
        outputIdOfRole[ABS_SEND_TIME] = output.absSendTime();
        outputIdOfRole[TRANSPORT_CC] = output.transportCc();
        mid = subscriberMid.getBytes(StandardCharsets.US_ASCII);
    }

    private void role(int id, int role) {
        if (id != 0) roleOfInputId[id] = (byte) role;
    }

    /** The ids this rewriter writes. */
    public ExtensionIds output() {
        return output;
    }

    /** Rewrites the extension elements of the RTP packet at {@code off..off+len}; a packet without any is left alone. */
    public void rewrite(ByteBuf buf, int off, int len) {
        if (!RtpHeader.isValid(buf, off, len) || !RtpHeader.hasExtension(buf, off)) return;
        int extHeader = off + RtpHeader.FIXED_HEADER_LENGTH + 4 * RtpHeader.csrcCount(buf, off);
        int profile = buf.getUnsignedShort(extHeader);
        int start = extHeader + 4;
        int end = start + 4 * buf.getUnsignedShort(extHeader + 2);
        if (profile == RtpExtensions.ONE_BYTE_PROFILE) {
            rewriteOneByte(buf, start, end);
        } else if ((profile & RtpExtensions.TWO_BYTE_PROFILE_MASK) == RtpExtensions.TWO_BYTE_PROFILE) {
            rewriteTwoByte(buf, start, end);
        }
        // Other profiles (RFC 3550 §5.3.1) are not RFC 8285 elements; Plenum negotiates none, browsers send none.
    }

    private void rewriteOneByte(ByteBuf buf, int i, int end) {
        while (i < end) {
            int b = buf.getUnsignedByte(i);
            if (b == 0) { // padding
                i++;
                continue;
            }
            int id = b >> 4;
            int length = (b & 0x0F) + 1;
            if (id == 15 || i + 1 + length > end) { // §4.2: 15 ends parsing; or malformed: forward none of the rest
                buf.setZero(i, end - i);
                return;
            }
            int role = roleOfInputId[id];
            int outId = outputIdOfRole[role];
            if (role == 0 || outId == 0 || outId > 14) {
                buf.setZero(i, 1 + length);
            } else if (role == MID) {
                if (mid.length <= length) {
                    buf.setByte(i, (outId << 4) | (mid.length - 1));
                    buf.setBytes(i + 1, mid);
                    buf.setZero(i + 1 + mid.length, length - mid.length);
                } else {
                    buf.setZero(i, 1 + length);
                }
            } else {
                buf.setByte(i, (outId << 4) | (length - 1));
            }
            i += 1 + length;
        }
    }

    private void rewriteTwoByte(ByteBuf buf, int i, int end) {
        while (i < end) {
            int id = buf.getUnsignedByte(i);
            if (id == 0) { // padding
                i++;
                continue;
            }
            if (i + 2 > end || i + 2 + buf.getUnsignedByte(i + 1) > end) { // malformed: forward none of the rest
                buf.setZero(i, end - i);
                return;
            }
            int length = buf.getUnsignedByte(i + 1);
            int role = roleOfInputId[id];
            int outId = outputIdOfRole[role];
            if (role == 0 || outId == 0) {
                buf.setZero(i, 2 + length);
            } else if (role == MID) {
                if (mid.length <= length) {
                    buf.setByte(i, outId);
                    buf.setByte(i + 1, mid.length);
                    buf.setBytes(i + 2, mid);
                    buf.setZero(i + 2 + mid.length, length - mid.length);
                } else {
                    buf.setZero(i, 2 + length);
                }
            } else {
                buf.setByte(i, outId);
            }
            i += 2 + length;
        }
    }
}
