package dev.plenum.media.sdp;

import java.util.List;

/**
 * Writes the server's offer for one participant's PeerConnection: unified plan (RFC 8829), one m-section per
 * transceiver, all in one BUNDLE group (RFC 9143) with rtcp-mux (RFC 8035) and reduced-size RTCP (RFC 5506), ICE-lite
 * (RFC 8445 §2.5), DTLS role left to the browser with {@code a=setup:actpass} (RFC 8842 §5.2).
 *
 * <p>The candidates and {@code a=end-of-candidates} (RFC 8838 §8.2) go in the first m-section only: it is the BUNDLE
 * tag, whose transport every bundled m-section shares. The m-line port is the discard port 9 with
 * {@code c=IN IP4 0.0.0.0}, as JSEP writes when the real addresses are in the candidates (RFC 8829 §5.2.1).
 *
 * <p>The output is CRLF-terminated and accepted by Chromium's {@code setRemoteDescription}.
 */
public final class OfferBuilder {
    private static final String CRLF = "\r\n";
    /** UDP/TLS/RTP/SAVPF per RFC 5764 §8 and RFC 8829 §5.1.2. */
    public static final String PROTOCOL = "UDP/TLS/RTP/SAVPF";

    private OfferBuilder() {
    }

    public static String build(OfferSpec spec) {
        StringBuilder sb = new StringBuilder(1024 + 1024 * spec.transceivers().size());
        line(sb, "v=0");
        line(sb, "o=- " + spec.sessionId() + " " + spec.sessionVersion() + " IN IP4 0.0.0.0");
        line(sb, "s=-");
        line(sb, "t=0 0");
        line(sb, "a=ice-lite");
        StringBuilder bundle = new StringBuilder("a=group:BUNDLE");
        for (Transceiver t : spec.transceivers()) {
            bundle.append(' ').append(t.mid());
        }
        line(sb, bundle.toString());
        line(sb, "a=extmap-allow-mixed");
        line(sb, "a=msid-semantic: WMS *");
        List<Transceiver> transceivers = spec.transceivers();
        for (int i = 0; i < transceivers.size(); i++) {
            mediaSection(sb, spec, transceivers.get(i), i == 0);
        }
        return sb.toString();
    }

    private static void mediaSection(StringBuilder sb, OfferSpec spec, Transceiver t, boolean bundleTag) {
        boolean video = t.kind() == MediaKind.VIDEO;
        line(sb, "m=" + t.kind().token() + " 9 " + PROTOCOL + " " + (video
                ? ServerCodecs.VP8_PT + " " + ServerCodecs.VP8_RTX_PT
                : Integer.toString(ServerCodecs.OPUS_PT)));
        line(sb, "c=IN IP4 0.0.0.0");
        line(sb, "a=ice-ufrag:" + spec.ice().ufrag());
        line(sb, "a=ice-pwd:" + spec.ice().pwd());
        line(sb, "a=fingerprint:" + spec.fingerprint().algorithm() + " " + spec.fingerprint().value());
        line(sb, "a=setup:actpass");
        line(sb, "a=mid:" + t.mid());
        line(sb, "a=extmap:" + ServerCodecs.EXT_MID + " " + ServerCodecs.EXT_MID_URI);
        if (!video) {
            line(sb, "a=extmap:" + ServerCodecs.EXT_AUDIO_LEVEL + " " + ServerCodecs.EXT_AUDIO_LEVEL_URI);
        }
        line(sb, "a=extmap:" + ServerCodecs.EXT_ABS_SEND_TIME + " " + ServerCodecs.EXT_ABS_SEND_TIME_URI);
        line(sb, "a=extmap:" + ServerCodecs.EXT_TRANSPORT_CC + " " + ServerCodecs.EXT_TRANSPORT_CC_URI);
        if (!t.receiveRids().isEmpty()) {
            line(sb, "a=extmap:" + ServerCodecs.EXT_RID + " " + ServerCodecs.EXT_RID_URI);
            line(sb, "a=extmap:" + ServerCodecs.EXT_REPAIRED_RID + " " + ServerCodecs.EXT_REPAIRED_RID_URI);
        }
        line(sb, "a=" + t.direction().attribute());
        t.send().ifPresent(s -> line(sb, "a=msid:" + s.msid().value()));
        line(sb, "a=rtcp-mux");
        line(sb, "a=rtcp-rsize");
        if (video) {
            int pt = ServerCodecs.VP8_PT;
            line(sb, "a=rtpmap:" + pt + " " + ServerCodecs.VP8_RTPMAP);
            line(sb, "a=rtcp-fb:" + pt + " goog-remb");
            line(sb, "a=rtcp-fb:" + pt + " transport-cc");
            line(sb, "a=rtcp-fb:" + pt + " ccm fir");
            line(sb, "a=rtcp-fb:" + pt + " nack");
            line(sb, "a=rtcp-fb:" + pt + " nack pli");
            line(sb, "a=rtpmap:" + ServerCodecs.VP8_RTX_PT + " " + ServerCodecs.RTX_RTPMAP);
            line(sb, "a=fmtp:" + ServerCodecs.VP8_RTX_PT + " apt=" + pt);
        } else {
            int pt = ServerCodecs.OPUS_PT;
            line(sb, "a=rtpmap:" + pt + " " + ServerCodecs.OPUS_RTPMAP);
            line(sb, "a=rtcp-fb:" + pt + " transport-cc");
            line(sb, "a=fmtp:" + pt + " " + ServerCodecs.OPUS_FMTP);
        }
        t.send().ifPresent(s -> {
            // RFC 5576 §4.2: the FID group names the primary first, then its retransmission stream.
            s.rtxSsrc().ifPresent(rtx -> line(sb, "a=ssrc-group:FID " + s.ssrc() + " " + rtx));
            ssrc(sb, s.ssrc(), s);
            s.rtxSsrc().ifPresent(rtx -> ssrc(sb, rtx, s));
        });
        if (!t.receiveRids().isEmpty()) {
            // RFC 8851 §4 and RFC 8853 §5.1: the layers Plenum receives, each a stream of its own.
            for (String rid : t.receiveRids()) line(sb, "a=rid:" + rid + " recv");
            line(sb, "a=simulcast:recv " + String.join(";", t.receiveRids()));
        }
        if (bundleTag) {
            for (Candidate c : spec.candidates()) {
                line(sb, "a=candidate:" + c.value());
            }
            line(sb, "a=end-of-candidates");
        }
    }

    private static void ssrc(StringBuilder sb, long ssrc, SendStream s) {
        line(sb, "a=ssrc:" + ssrc + " cname:" + s.cname());
        line(sb, "a=ssrc:" + ssrc + " msid:" + s.msid().value());
    }

    private static void line(StringBuilder sb, String line) {
        sb.append(line).append(CRLF);
    }
}
