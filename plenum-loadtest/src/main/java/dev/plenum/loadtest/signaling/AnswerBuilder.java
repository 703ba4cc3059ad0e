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
 * <p>Directions: mids 0 and 1 ({@code recvonly} in the offer) are answered {@code sendonly} when it publishes,
 * {@code inactive} otherwise; every {@code sendonly} section (another participant's track) is answered
 * {@code recvonly}; an {@code inactive} or rejected one stays so.
 *
 * <p>What it sends is answered as Chromium answers: the audio SSRC in {@code a=ssrc}; the camera, when the offer asks
 * for simulcast ({@code a=rid:... recv}, {@code a=simulcast:recv}) and the participant sends it, with each offered
 * RID as {@code a=rid:<id> send} and {@code a=simulcast:send} in the offered order and no {@code a=ssrc} (RFC 8853
 * §5.3: the SSRCs are learnt from the RtpStreamId in the packets), else the one video SSRC and its RTX SSRC in an
 * {@code FID} group (RFC 5576 §4). A sending section keeps the transport-cc, RtpStreamId and RepairedRtpStreamId
 * extensions and, for video, RTX.
 */
public final class AnswerBuilder {
    private static final String CRLF = "\r\n";
    /** What the load tester reads on what it receives: the mid, and the transport-wide sequence for its feedback. */
    private static final Set<String> KEPT_EXTENSIONS =
            Set.of(ServerCodecs.EXT_MID_URI, ServerCodecs.EXT_TRANSPORT_CC_URI);
    /** What it writes on what it sends: the transport-wide sequence, and for simulcast the layer's RID. */
    private static final Set<String> SENT_EXTENSIONS = Set.of(ServerCodecs.EXT_TRANSPORT_CC_URI,
            ServerCodecs.EXT_RID_URI, ServerCodecs.EXT_REPAIRED_RID_URI);

    /**
     * The participant's side of the answer.
     *
     * @param videoRtxSsrc the RTX SSRC of the one video stream sent without simulcast, or 0 for none
     * @param simulcast the camera is sent in the simulcast layers the offer asks for (when it asks)
     */
    public record Local(String iceUfrag, String icePwd, String sdpFingerprint, String cname, long audioSsrc,
                        long videoSsrc, long videoRtxSsrc, boolean publishes, boolean simulcast) {
        public Local(String iceUfrag, String icePwd, String sdpFingerprint, String cname, long audioSsrc,
                     long videoSsrc, boolean publishes) {
            this(iceUfrag, icePwd, sdpFingerprint, cname, audioSsrc, videoSsrc, 0, publishes, false);
        }
    }

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
        boolean sends = direction == Direction.SENDONLY || direction == Direction.SENDRECV;
        // A browser keeps RTX for its video codec (RFC 4588 §8.6) and the header extensions it understands.
        OptionalInt rtx = receives || sends ? rtxFor(m, pt) : OptionalInt.empty();
        List<String> rids = sends && local.simulcast() && m.kind() == MediaKind.VIDEO ? offeredRids(m) : List.of();
        line(sb, "m=" + m.media() + " " + (m.isRejected() ? 0 : 9) + " " + m.protocol() + " " + pt
                + (rtx.isPresent() ? " " + rtx.getAsInt() : ""));
        line(sb, "c=IN IP4 0.0.0.0");
        line(sb, "a=mid:" + mid);
        if (m.isRejected()) return;
        line(sb, "a=ice-ufrag:" + local.iceUfrag());
        line(sb, "a=ice-pwd:" + local.icePwd());
        line(sb, "a=fingerprint:" + local.sdpFingerprint());
        line(sb, "a=setup:active");
        for (Extmap e : m.extmaps()) {
            if (receives && KEPT_EXTENSIONS.contains(e.uri()) || sends && SENT_EXTENSIONS.contains(e.uri())) {
                line(sb, "a=extmap:" + e.id() + " " + e.uri());
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
            String track = m.kind().token() + "-" + local.cname();
            line(sb, "a=msid:" + local.cname() + " " + track);
            if (!rids.isEmpty()) {
                for (String rid : rids) line(sb, "a=rid:" + rid + " send");
                line(sb, "a=simulcast:send " + String.join(";", rids));
                return;
            }
            boolean audio = m.kind() == MediaKind.AUDIO;
            long ssrc = audio ? local.audioSsrc() : local.videoSsrc();
            long rtxSsrc = !audio && rtx.isPresent() ? local.videoRtxSsrc() : 0;
            if (rtxSsrc != 0) line(sb, "a=ssrc-group:FID " + ssrc + " " + rtxSsrc);
            ssrcLines(sb, ssrc, local.cname(), track);
            if (rtxSsrc != 0) ssrcLines(sb, rtxSsrc, local.cname(), track);
        }
    }

    private static void ssrcLines(StringBuilder sb, long ssrc, String cname, String track) {
        line(sb, "a=ssrc:" + ssrc + " cname:" + cname);
        line(sb, "a=ssrc:" + ssrc + " msid:" + cname + " " + track);
    }

    /**
     * The RIDs the offer asks to receive ({@code a=rid:<id> recv}, RFC 8851 §4) in its {@code a=simulcast:recv}
     * order; empty when it asks for no simulcast.
     */
    static List<String> offeredRids(MediaDescription m) {
        if (m.simulcast().isEmpty()) return List.of();
        List<String> recv = new ArrayList<>();
        for (String rid : m.rids()) {
            String[] p = rid.trim().split("\\s+");
            if (p.length >= 2 && p[1].equals("recv")) recv.add(p[0]);
        }
        String[] parts = m.simulcast().get().trim().split("\\s+");
        if (parts.length < 2 || !parts[0].equals("recv")) return List.of();
        List<String> ordered = new ArrayList<>();
        for (String alternatives : parts[1].split(";")) {
            // RFC 8853 §5.1: a stream's alternatives are comma-separated, a leading '~' pauses it; take the first.
            String rid = alternatives.split(",")[0];
            if (rid.startsWith("~")) rid = rid.substring(1);
            if (recv.contains(rid)) ordered.add(rid);
        }
        return ordered;
    }

    /** The id the offer gives the header extension {@code uri} on {@code m}, or 0. */
    public static int extensionId(MediaDescription m, String uri) {
        for (Extmap e : m.extmaps()) if (e.uri().equals(uri)) return e.id();
        return 0;
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
