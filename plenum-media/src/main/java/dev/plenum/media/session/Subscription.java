package dev.plenum.media.session;

import dev.plenum.media.forward.ExtensionIds;
import dev.plenum.media.forward.HeaderExtensionRewriter;
import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.forward.Subscriber;
import dev.plenum.media.sdp.Extmap;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.sdp.ServerCodecs;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One subscriber's leg of one published track: the m-section it occupies in the subscriber's PeerConnection, the
 * SSRC the subscriber sees, and the last stages of the forwarding path:
 * <pre>
 *   RTP:  StreamRewriter (in Fanout) ─► header extensions in the subscriber's terms ─► subscriber's transport
 *         (transport-wide sequence number, protect, send)
 *   RTCP: the publisher's sender report, rewritten by Fanout ─► subscriber's transport (protect, send)
 * </pre>
 */
final class Subscription implements Subscriber {
    final PublishedTrack track;
    final MediaSession subscriber;
    final String mid;
    final long outputSsrc;
    final StreamRewriter rewriter;
    /** Replaced when the subscriber answers; until then the ids offered, which a JSEP answerer keeps. */
    private volatile HeaderExtensionRewriter extensions;
    /** The subscriber's page does not show this video at all (its tile is scrolled away, or the page is hidden). */
    volatile boolean unseen;

    Subscription(PublishedTrack track, MediaSession subscriber, String mid, long outputSsrc) {
        this.track = track;
        this.subscriber = subscriber;
        this.mid = mid;
        this.outputSsrc = outputSsrc;
        this.rewriter = new StreamRewriter((int) outputSsrc);
        this.extensions = new HeaderExtensionRewriter(track.extensions(), offered(track.kind()), mid);
    }

    /** The extension ids Plenum offers on an m-section of this kind (see OfferBuilder). */
    static ExtensionIds offered(MediaKind kind) {
        return new ExtensionIds(ServerCodecs.EXT_MID, kind == MediaKind.AUDIO ? ServerCodecs.EXT_AUDIO_LEVEL : 0,
                ServerCodecs.EXT_ABS_SEND_TIME, ServerCodecs.EXT_TRANSPORT_CC);
    }

    /** The ids of the extensions Plenum forwards among those an answer negotiated (matched by URI, RFC 8285 §5). */
    static ExtensionIds negotiated(List<Extmap> extmaps) {
        int mid = 0, audioLevel = 0, absSendTime = 0, transportCc = 0;
        for (Extmap e : extmaps) {
            switch (e.uri()) {
                case ServerCodecs.EXT_MID_URI -> mid = e.id();
                case ServerCodecs.EXT_AUDIO_LEVEL_URI -> audioLevel = e.id();
                case ServerCodecs.EXT_ABS_SEND_TIME_URI -> absSendTime = e.id();
                case ServerCodecs.EXT_TRANSPORT_CC_URI -> transportCc = e.id();
                default -> { }
            }
        }
        return new ExtensionIds(mid, audioLevel, absSendTime, transportCc);
    }

    /** The subscriber answered: its ids for this m-section apply from the next packet on. */
    void negotiated(ExtensionIds ids) {
        if (!ids.equals(extensions.output())) extensions = new HeaderExtensionRewriter(track.extensions(), ids, mid);
    }

    @Override
    public void send(ByteBuf packet) {
        HeaderExtensionRewriter ext = extensions;
        ext.rewrite(packet, packet.readerIndex(), packet.readableBytes());
        subscriber.sendRtp(packet, ext.output().transportCc());
    }

    @Override
    public boolean paused() {
        return track.kind() == MediaKind.VIDEO && (unseen || subscriber.audioOnly());
    }

    @Override
    public void sendRtcp(ByteBuf packet) {
        subscriber.sendRtcp(packet);
    }
}
