package dev.plenum.loadtest.signaling;

import dev.plenum.media.sdp.Direction;
import dev.plenum.media.sdp.MediaDescription;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.sdp.PayloadType;
import dev.plenum.media.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a load-test participant's answer to the server's offer, the way a browser answers (RFC 8829 §5.3):
 * same m-sections and mids, one BUNDLE group, rtcp-mux, {@code a=setup:active} (the participant is the DTLS
 * client), its own ICE credentials and certificate fingerprint, and the first offered codec of each section.
 *
 * <p>Directions: mids 0 and 1 ({@code recvonly} in the offer) are answered {@code sendonly} with the participant's
 * audio or video SSRC when it publishes, {@code inactive} otherwise; every {@code sendonly} section (another
 * participant's track) is answered {@code recvonly}; an {@code inactive} or rejected one stays so.
 */
public final class AnswerBuilder {
    private static final String CRLF = "\r\n";

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
        line(sb, "m=" + m.media() + " " + (m.isRejected() ? 0 : 9) + " " + m.protocol() + " " + pt);
        line(sb, "c=IN IP4 0.0.0.0");
        line(sb, "a=mid:" + mid);
        if (m.isRejected()) return;
        line(sb, "a=ice-ufrag:" + local.iceUfrag());
        line(sb, "a=ice-pwd:" + local.icePwd());
        line(sb, "a=fingerprint:" + local.sdpFingerprint());
        line(sb, "a=setup:active");
        Direction direction = direction(m, mid, local.publishes());
        line(sb, "a=" + direction.attribute());
        line(sb, "a=rtcp-mux");
        line(sb, "a=rtcp-rsize");
        m.payloadType(pt).flatMap(PayloadType::rtpMap).ifPresent(r -> line(sb, "a=rtpmap:" + pt + " " + r.encodingName()
                + "/" + r.clockRate() + (r.channels() > 1 ? "/" + r.channels() : "")));
        if (direction == Direction.SENDONLY) {
            long ssrc = m.kind() == MediaKind.AUDIO ? local.audioSsrc() : local.videoSsrc();
            String track = m.kind().token() + "-" + local.cname();
            line(sb, "a=msid:" + local.cname() + " " + track);
            line(sb, "a=ssrc:" + ssrc + " cname:" + local.cname());
            line(sb, "a=ssrc:" + ssrc + " msid:" + local.cname() + " " + track);
        }
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
