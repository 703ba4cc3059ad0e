package dev.plenum.loadtest.signaling;

import dev.plenum.media.sdp.Direction;
import dev.plenum.media.sdp.Extmap;
import dev.plenum.media.sdp.MediaDescription;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.sdp.PayloadType;
import dev.plenum.media.sdp.ServerCodecs;
import dev.plenum.media.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Writes a load-test participant's answer to the server's offer, the way a browser answers (RFC 8829 §5.3):
 * same m-sections and mids, one BUNDLE group, rtcp-mux, {@code a=setup:active} (the participant is the DTLS
 * client), its own ICE credentials and certificate fingerprint, and the first offered codec of each section; on what
 * it receives also that codec's RTX and the mid and transport-cc header extensions, as a browser keeps them.
 *
 * <p>Directions: mids 0 and 1 ({@code recvonly} in the offer) are answered {@code sendonly} with the participant's
 * audio or video SSRC when it publishes, {@code inactive} otherwise; every {@code sendonly} section (another
 * participant's track) is answered {@code recvonly}; an {@code inactive} or rejected one stays so.
 */
public final class AnswerBuilder {
    private static final String CRLF = "\r\n";
    /** What the load tester reads on what it receives: the mid, and the transport-wide sequence for its feedback. */
    private static final Set<String> KEPT_EXTENSIONS =
            Set.of(ServerCodecs.EXT_MID_URI, ServerCodecs.EXT_TRANSPORT_CC_URI);

    /** The participant's side of the answer. */
    public record Local(String iceUfrag, String icePwd, String sdpFingerprint, String cname, long audioSsrc,
                        long videoSsrc, boolean publishes) {}

    private AnswerBuilder() {}

    public static String answer(SessionDescription offer, Local local, long sessionVersion) {
        StringBuilder sb = new StringBuilder(512 + 512 * offer.media().size());
        line(sb, "v=0");
        line(sb, "o=- " + ((local.audioSsrc() << 20 ^ local.videoSsrc()) & Long.MAX_VALUE) + " " + sessionVersion + " IN IP4 127.0.0.1");
        line(sb, "s=-");
        line(sb, "t=0 0");
        List<String> bundled = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            if (!m.isRejected()) bundled.add(m.mid().orElse(""));
        }
        line(sb, "a=group:BUNDLE " + String.join(" ", bundled));
        line(sb, "a=msid-semantic: WMS *");
        for (MediaDescription m : offer.media()) {
            section(sb, m, local);
        }
        return sb.toString();
    }

    private static void section(StringBuilder sb, MediaDescription m, Local local) {
        String mid = m.mid().orElse("");
        int pt = m.payloadTypes().stream().map(PayloadType::number).findFirst().orElse(0);
        Direction direction = m.isRejected() ? Direction.INACTIVE : direction(m, mid, local.publishes());
        boolean receives = direction == Direction.RECVONLY || direction == Direction.SENDRECV;
        // A browser keeps RTX for the codec it receives (RFC 4588 §8.6) and the header extensions it understands.
        OptionalInt rtx = receives ? rtxFor(m, pt) : OptionalInt.empty();
        line(sb, "m=" + m.media() + " " + (m.isRejected() ? 0 : 9) + " " + m.protocol() + " " + pt
                + (rtx.isPresent() ? " " + rtx.getAsInt() : ""));
        line(sb, "c=IN IP4 0.0.0.0");
        line(sb, "a=mid:" + mid);
        if (m.isRejected()) return;
        line(sb, "a=ice-ufrag:" + local.iceUfrag());
        line(sb, "a=ice-pwd:" + local.icePwd());
        line(sb, "a=fingerprint:" + local.sdpFingerprint());
        line(sb, "a=setup:active");
        if (receives) {
            for (Extmap e : m.extmaps()) {
                if (KEPT_EXTENSIONS.contains(e.uri())) line(sb, "a=extmap:" + e.id() + " " + e.uri());
            }
        }
        line(sb, "a=" + direction.attribute());
        line(sb, "a=rtcp-mux");
        line(sb, "a=rtcp-rsize");
        m.payloadType(pt).flatMap(PayloadType::rtpMap).ifPresent(r -> line(sb, "a=rtpmap:" + pt + " " + r.encodingName()
                + "/" + r.clockRate() + (r.channels() > 1 ? "/" + r.channels() : "")));
        rtx.ifPresent(r -> {
            line(sb, "a=rtpmap:" + r + " rtx/90000");
            line(sb, "a=fmtp:" + r + " apt=" + pt);
        });
        if (direction == Direction.SENDONLY) {
            long ssrc = m.kind() == MediaKind.AUDIO ? local.audioSsrc() : local.videoSsrc();
            String track = m.kind().token() + "-" + local.cname();
            line(sb, "a=msid:" + local.cname() + " " + track);
            line(sb, "a=ssrc:" + ssrc + " cname:" + local.cname());
            line(sb, "a=ssrc:" + ssrc + " msid:" + local.cname() + " " + track);
        }
    }

    /** The offered RTX payload type whose {@code apt} is {@code pt} (RFC 4588 §8.1), if any. */
    static OptionalInt rtxFor(MediaDescription m, int pt) {
        for (PayloadType p : m.payloadTypes()) {
            boolean isRtx = p.rtpMap().filter(r -> r.encodingName().equalsIgnoreCase("rtx")).isPresent();
            if (isRtx && p.fmtp().filter(f -> f.trim().equals("apt=" + pt)).isPresent()) return OptionalInt.of(p.number());
        }
        return OptionalInt.empty();
    }

    static Direction direction(MediaDescription m, String mid, boolean publishes) {
        return switch (m.direction()) {
            case RECVONLY -> publishes && (mid.equals("0") || mid.equals("1")) ? Direction.SENDONLY : Direction.INACTIVE;
            case SENDONLY -> Direction.RECVONLY;
            case SENDRECV -> publishes ? Direction.SENDRECV : Direction.RECVONLY;
            case INACTIVE -> Direction.INACTIVE;
        };
    }

    private static void line(StringBuilder sb, String line) {
        sb.append(line).append(CRLF);
    }
}
