package dev.plenum.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    @Test
    void parsesChromiumAnswerWithAudioAndVideoSendonly() throws SdpException {
        SessionDescription sdp = SdpParser.parse(SdpFixtures.resource("chrome-answer-audio-video-send.sdp"));

        assertThat(sdp.origin().sessionId()).isEqualTo("6142618389434411032");
        assertThat(sdp.origin().sessionVersion()).isEqualTo("2");
        assertThat(sdp.iceLite()).isFalse();
        assertThat(sdp.bundleGroup()).contains(new Group("BUNDLE", List.of("0", "1")));
        assertThat(sdp.otherAttributes()).contains(new Attribute("extmap-allow-mixed", ""));
        assertThat(sdp.media()).hasSize(2);

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.port()).isEqualTo(9);
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.isRtp()).isTrue();
        assertThat(audio.mid()).contains("0");
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpRsize()).isFalse();
        assertThat(audio.iceUfrag()).contains("Xk9q");
        assertThat(audio.icePwd()).contains("Wc3kQ1m2n3b4v5c6x7z8a9s0");
        assertThat(audio.setup()).contains(Setup.ACTIVE);
        assertThat(audio.fingerprints()).singleElement().satisfies(f -> {
            assertThat(f.algorithm()).isEqualTo("sha-256");
            assertThat(f.digestLength()).isEqualTo(32);
        });
        assertThat(audio.payloadTypes()).containsExactly(new PayloadType(111,
                Optional.of(new RtpMap("opus", 48000, 2)), Optional.of("minptime=10;useinbandfec=1"),
                List.of("transport-cc")));
        assertThat(audio.extmaps()).extracting(Extmap::id).containsExactly(1, 2, 3, 4);
        assertThat(audio.ssrcs()).containsExactly(new Ssrc(2812348521L, Optional.of("Qm9mZW1heHh5enR3"),
                Optional.of(new Msid("5d2b0d0a-1f3e-4c55-9a0b-8f6e2d1c3b4a", "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0"))));
        assertThat(audio.otherAttributes()).contains(new Attribute("rtcp", "9 IN IP4 0.0.0.0"),
                new Attribute("ice-options", "trickle"));

        MediaDescription video = sdp.media().get(1);
        assertThat(video.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(video.formats()).containsExactly("96", "97");
        assertThat(video.payloadType(96).orElseThrow().rtcpFeedback())
                .containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(video.payloadType(97).orElseThrow().fmtp()).contains("apt=96");
        assertThat(video.payloadType(96).orElseThrow().rtpMap()).contains(new RtpMap("VP8", 90000, 1));
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(1447303818L, 3906524431L)));
        assertThat(video.ssrcs()).extracting(Ssrc::ssrc).containsExactly(1447303818L, 3906524431L);
        assertThat(video.msids()).singleElement().extracting(Msid::trackId)
                .isEqualTo("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d");
    }

    @Test
    void parsesChromiumAnswerWithRecvonlyAndInactiveSlots() throws SdpException {
        SessionDescription sdp = SdpParser.parse(SdpFixtures.resource("chrome-answer-recvonly-slots.sdp"));

        assertThat(sdp.media()).extracting(MediaDescription::direction).containsExactly(Direction.SENDONLY,
                Direction.SENDONLY, Direction.RECVONLY, Direction.RECVONLY, Direction.INACTIVE);
        assertThat(sdp.media().get(2).ssrcs()).isEmpty();
        assertThat(sdp.media().get(4).isRejected()).isFalse();
    }

    @Test
    void keepsSimulcastAndRidLinesRaw() throws SdpException {
        SessionDescription sdp = SdpParser.parse(SdpFixtures.resource("chrome-answer-simulcast-rid.sdp"));

        MediaDescription video = sdp.media().get(1);
        assertThat(video.rids()).containsExactly("q send", "h send", "f send");
        assertThat(video.simulcast()).contains("send q;h;f");
        assertThat(video.ssrcs()).isEmpty();
    }

    @Test
    void acceptsBareLfLineEndingsAndNoFinalNewline() throws SdpException {
        SessionDescription sdp = SdpParser.parse("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 RTP/AVP 0");

        assertThat(sdp.media()).singleElement().extracting(MediaDescription::formats).isEqualTo(List.of("0"));
    }

    @Test
    void sessionLevelDirectionAndTransportApplyAsDefaults() throws SdpException {
        SessionDescription sdp = SdpParser.parse(String.join("\r\n", "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-",
                "t=0 0", "a=recvonly", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789012345678901",
                "a=fingerprint:SHA-256 ab:cd", "a=setup:passive", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:a",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:b", "a=sendonly", "a=setup:active", ""));

        MediaDescription a = sdp.media().get(0);
        MediaDescription b = sdp.media().get(1);
        assertThat(a.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(b.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.effectiveIceUfrag(a)).contains("abcd");
        assertThat(sdp.effectiveSetup(a)).contains(Setup.PASSIVE);
        assertThat(sdp.effectiveSetup(b)).contains(Setup.ACTIVE);
        assertThat(sdp.effectiveFingerprints(b)).containsExactly(new Fingerprint("sha-256", "AB:CD"));
    }

    @Test
    void unknownLinesAndAttributesAreNotFatal() throws SdpException {
        SessionDescription sdp = SdpParser.parse(String.join("\r\n", "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-",
                "t=0 0", "x=future line type", "a=x-plenum-hint:42", "m=application 9 UDP/DTLS/SCTP "
                        + "webrtc-datachannel", "a=sctp-port:5000", "a=rtpmap:96 something/1", "z=0", ""));

        assertThat(sdp.otherAttributes()).containsExactly(new Attribute("x-plenum-hint", "42"));
        MediaDescription app = sdp.media().getFirst();
        assertThat(app.kind()).isEqualTo(MediaKind.APPLICATION);
        assertThat(app.isRtp()).isFalse();
        assertThat(app.payloadTypes()).isEmpty();
        assertThat(app.otherAttributes()).containsExactly(new Attribute("sctp-port", "5000"),
                new Attribute("rtpmap", "96 something/1"));
    }

    @Test
    void unknownMediaKindIsKept() throws SdpException {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=text 0 RTP/AVP 98\r\n");

        assertThat(sdp.media().getFirst().kind()).isEqualTo(MediaKind.OTHER);
        assertThat(sdp.media().getFirst().media()).isEqualTo("text");
        assertThat(sdp.media().getFirst().isRejected()).isTrue();
    }

    @Test
    void errorsNameTheLineAndTheProblem() {
        assertError("", 0, "empty");
        assertError("o=- 1 1 IN IP4 0.0.0.0\r\n", 1, "v=0");
        assertError("v=0\r\nhello\r\n", 2, "<type>=<value>");
        assertError("v=0\r\nv=0\r\n", 2, "only once");
        assertError("v=0\r\nm=audio 9 RTP/AVP 0\r\n", 2, "before the o= line");
        assertError("v=0\r\no=- x 1 IN IP4 0.0.0.0\r\n", 2, "session id");
        assertError("v=0\r\ns=-\r\n", 2, "no o= line");
        assertError(base() + "m=audio 70000 RTP/AVP 0\r\n", 3, "m-line port 70000");
        assertError(base() + "m=audio 9 RTP/AVP 128\r\n", 3, "payload type 128");
        assertError(base() + "m=audio 9 RTP/AVP 0 0\r\n", 3, "appears twice");
        assertError(base() + "m=audio 9 RTP/AVP\r\n", 3, "m= needs");
        assertError(base() + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", 4, "a=rtpmap needs");
        assertError(base() + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:0 PCMU/8000\r\n", 5,
                "second a=rtpmap");
        assertError(base() + "m=audio 9 RTP/AVP 0\r\na=ssrc:4294967296 cname:x\r\n", 4, "SSRC 4294967296");
        assertError(base() + "m=audio 9 RTP/AVP 0\r\na=setup:sometimes\r\n", 4, "unknown a=setup");
        assertError(base() + "m=audio 9 RTP/AVP 0\r\na=extmap:0 urn:x\r\n", 4, "extmap id 0");
        assertError(base() + "m=audio 9 RTP/AVP 0\r\na=extmap:1 urn:x\r\na=extmap:1 urn:y\r\n", 5, "used twice");
        assertError(base() + "m=audio 9 RTP/AVP 0\r\na=mid:0\r\na=mid:1\r\n", 5, "second a=mid");
        assertError(base() + "m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 1 1.2.3.4 9 host\r\n", 4,
                "a=candidate needs");
        assertError(base() + "a=fingerprint:sha-256\r\n", 3, "a=fingerprint needs");
        assertError(base() + "a=msid:a b c\r\n", 0, null); // session-level msid is an unknown attribute: fine
    }

    @Test
    void enforcesTheLimits() {
        SdpParser small = new SdpParser(new SdpLimits(200, 2, 40));
        String head = base();

        assertThatThrownBy(() -> small.parseDescription(head + "a=" + "x".repeat(200)))
                .isInstanceOf(SdpException.class).hasMessageContaining("more than the limit of 200");
        assertThatThrownBy(() -> small.parseDescription(head + "a=" + "x".repeat(40)))
                .isInstanceOf(SdpException.class).hasMessageContaining("line 3").hasMessageContaining("limit of 40");
        assertThatThrownBy(() -> small.parseDescription(head + "m=audio 9 RTP/AVP 0\r\n".repeat(3)))
                .isInstanceOf(SdpException.class).hasMessageContaining("line 5")
                .hasMessageContaining("more than 2 m-sections");
    }

    @Test
    void theDefaultLimitsAreThoseDocumented() {
        assertThat(SdpLimits.DEFAULT).isEqualTo(new SdpLimits(65536, 64, 4096));
        assertThatThrownBy(() -> SdpParser.parse(base() + "a=x:" + "y".repeat(65536)))
                .isInstanceOf(SdpException.class).hasMessageContaining("limit of 65536");
    }

    private static String base() {
        return "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n";
    }

    private static void assertError(String sdp, int line, String problem) {
        if (problem == null) {
            try {
                SdpParser.parse(sdp);
            } catch (SdpException e) {
                throw new AssertionError("unexpected " + e.getMessage(), e);
            }
            return;
        }
        assertThatThrownBy(() -> SdpParser.parse(sdp)).as(sdp).isInstanceOfSatisfying(SdpException.class, e -> {
            assertThat(e.lineNumber()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.getMessage()).contains(problem);
        });
    }
}
