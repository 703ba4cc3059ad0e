package dev.plenum.media.session;

import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.forward.Subscriber;
import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.sdp.ServerCodecs;
import io.netty.buffer.ByteBuf;

/**
 * One subscriber's leg of one published track: the m-section it occupies in the subscriber's PeerConnection, the
 * SSRC the subscriber sees, and the last stages of the forwarding path (protect, send).
 */
final class Subscription implements Subscriber {
    final PublishedTrack track;
    final MediaSession subscriber;
    final String mid;
    final long outputSsrc;
    final StreamRewriter rewriter;

    Subscription(PublishedTrack track, MediaSession subscriber, String mid, long outputSsrc) {
        this.track = track;
        this.subscriber = subscriber;
        this.mid = mid;
        this.outputSsrc = outputSsrc;
        this.rewriter = new StreamRewriter((int) outputSsrc);
    }

    @Override
    public void send(ByteBuf packet) {
        hidePublishersMid(packet);
        subscriber.sendRtp(packet);
    }

    /**
     * The publisher's mid names an m-section of the publisher's PeerConnection, not the subscriber's; its element
     * is relabelled with id 14, which the offer never negotiates, so receivers skip it (RFC 8285 §4.2) and route by
     * the SSRC announced in the offer.
     */
    private static void hidePublishersMid(ByteBuf packet) {
        int off = packet.readerIndex();
        int len = packet.readableBytes();
        long found = RtpExtensions.find(packet, off, len, ServerCodecs.EXT_MID);
        if (found == RtpExtensions.NOT_FOUND) return;
        int idByte = RtpExtensions.valueOffset(found) - 1;
        int b = packet.getUnsignedByte(idByte);
        if ((b >>> 4) == ServerCodecs.EXT_MID) packet.setByte(idByte, (14 << 4) | (b & 0x0F)); // one-byte form
    }
}
