package dev.plenum.media.sdp;

import dev.plenum.media.ice.IceCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AnswerValidatorTest {
    private static final String SEND = "chrome-answer-audio-video-send.sdp";

    @Test
    void extractsWhatTheMediaPlaneNeedsFromAnAudioVideoAnswer() throws SdpException {
        RemoteDescription remote = AnswerValidator.validate(SdpFixtures.publishOffer(),
                SdpParser.parse(SdpFixtures.resource(SEND)));

        assertThat(remote.ice()).isEqualTo(new IceCredentials("Xk9q", "Wc3kQ1m2n3b4v5c6x7z8a9s0"));
        assertThat(remote.fingerprint().algorithm()).isEqualTo("sha-256");
        assertThat(remote.fingerprint().digest()).hasSize(32).startsWith((byte) 0x9C, (byte) 0x3E);
        assertThat(remote.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(remote.serverIsDtlsClient()).isFalse();

        RemoteMedia audio = remote.media("0").orElseThrow();
        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(audio.payloadTypes()).containsExactly(111);
        assertThat(audio.extmaps()).extracting(Extmap::id).containsExactly(1, 2, 3, 4);
        assertThat(audio.ssrcs()).singleElement().satisfies(s -> {
            assertThat(s.ssrc()).isEqualTo(2812348521L);
            assertThat(s.role()).isEqualTo(SsrcRole.PRIMARY);
            assertThat(s.cname()).contains("Qm9mZW1heHh5enR3");
        });
        assertThat(audio.msid()).contains(new Msid("5d2b0d0a-1f3e-4c55-9a0b-8f6e2d1c3b4a",
                "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0"));

        RemoteMedia video = remote.media("1").orElseThrow();
        assertThat(video.payloadTypes()).containsExactly(96, 97);
        assertThat(video.primarySsrcs()).extracting(RemoteSsrc::ssrc).containsExactly(1447303818L);
        assertThat(video.rtxFor(1447303818L)).isEqualTo(3906524431L);
        assertThat(video.ssrcs().get(1)).satisfies(rtx -> {
            assertThat(rtx.role()).isEqualTo(SsrcRole.RTX);
            assertThat(rtx.primarySsrc()).isEqualTo(1447303818L);
            assertThat(rtx.simulcastLayer()).isEqualTo(-1);
        });
    }

    @Test
    void acceptsRecvonlyAndInactiveSlots() throws SdpException {
        RemoteDescription remote = AnswerValidator.validate(SdpFixtures.slotsOffer(),
                SdpParser.parse(SdpFixtures.resource("chrome-answer-recvonly-slots.sdp")));

        assertThat(remote.media()).extracting(RemoteMedia::mid).containsExactly("0", "1", "2", "3", "4");
        assertThat(remote.media()).extracting(RemoteMedia::direction).containsExactly(Direction.SENDONLY,
                Direction.SENDONLY, Direction.RECVONLY, Direction.RECVONLY, Direction.INACTIVE);
        assertThat(remote.media("3").orElseThrow().ssrcs()).isEmpty();
        assertThat(remote.media("3").orElseThrow().msid()).isEmpty();
        assertThat(remote.media("1").orElseThrow().rtxFor(2001)).isEqualTo(2002);
    }

    @Test
    void keepsRidsOfASimulcastAnswer() throws SdpException {
        RemoteDescription remote = AnswerValidator.validate(SdpFixtures.publishOffer(),
                SdpParser.parse(SdpFixtures.resource("chrome-answer-simulcast-rid.sdp")));

        RemoteMedia video = remote.media("1").orElseThrow();
        assertThat(video.rids()).containsExactly("q send", "h send", "f send");
        assertThat(video.ssrcs()).isEmpty();
    }

    @Test
    void givesSimulcastLayersFromAnSsrcGroupSim() throws SdpException {
        String answer = SdpFixtures.resource(SEND).replace(
                "a=ssrc-group:FID 1447303818 3906524431\r\n",
                "a=ssrc-group:SIM 1447303818 11 12\r\na=ssrc-group:FID 1447303818 3906524431\r\n"
                        + "a=ssrc-group:FID 11 21\r\na=ssrc-group:FID 12 22\r\n"
                        + "a=ssrc:11 cname:c\r\na=ssrc:12 cname:c\r\na=ssrc:21 cname:c\r\na=ssrc:22 cname:c\r\n");

        RemoteMedia video = AnswerValidator.validate(SdpFixtures.publishOffer(), SdpParser.parse(answer))
                .media("1").orElseThrow();

        assertThat(video.primarySsrcs()).extracting(RemoteSsrc::ssrc, RemoteSsrc::simulcastLayer)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1447303818L, 0),
                        org.assertj.core.groups.Tuple.tuple(11L, 1), org.assertj.core.groups.Tuple.tuple(12L, 2));
        assertThat(video.rtxFor(12)).isEqualTo(22);
    }

    @Test
    void acceptsPassiveSetupAndMakesTheServerTheDtlsClient() throws SdpException {
        RemoteDescription remote = AnswerValidator.validate(SdpFixtures.publishOffer(),
                SdpParser.parse(SdpFixtures.resource(SEND).replace("a=setup:active", "a=setup:passive")));

        assertThat(remote.serverIsDtlsClient()).isTrue();
    }

    @Test
    void acceptsARejectedNonTagMediaSection() throws SdpException {
        String answer = SdpFixtures.resource(SEND).replace("m=video 9 ", "m=video 0 ")
                .replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0");

        RemoteMedia video = AnswerValidator.validate(SdpFixtures.publishOffer(), SdpParser.parse(answer))
                .media("1").orElseThrow();

        assertThat(video.rejected()).isTrue();
        assertThat(video.payloadTypes()).isEmpty();
    }

    @Test
    void rejectsAnAnswerWithoutBundle() {
        assertRejected(s -> s.replace("a=group:BUNDLE 0 1\r\n", ""), "no a=group:BUNDLE");
    }

    @Test
    void rejectsABundleGroupThatLeavesOutAMid() {
        assertRejected(s -> s.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0"),
                "mid 1 is accepted but not in the BUNDLE group");
    }

    @Test
    void rejectsABundleGroupWithAnotherTag() {
        assertRejected(s -> s.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 1 0"), "must start with the tag mid 0");
    }

    @Test
    void rejectsARejectedBundleTag() {
        assertRejected(s -> s.replace("m=audio 9 ", "m=audio 0 "), "BUNDLE tag m-section (mid 0) was rejected");
    }

    @Test
    void rejectsMissingRtcpMux() {
        assertRejected(s -> s.replaceFirst("a=rtcp-mux\r\n", ""), "mid 0 lacks a=rtcp-mux");
    }

    @Test
    void rejectsMissingFingerprint() {
        assertRejected(s -> s.replaceAll("a=fingerprint:[^\r]*\r\n", ""), "no a=fingerprint");
    }

    @Test
    void rejectsUnsupportedFingerprintHash() {
        assertRejected(s -> s.replaceAll("a=fingerprint:sha-256 [^\r]*", "a=fingerprint:sha-1 AB:CD"),
                "unsupported fingerprint hash sha-1");
    }

    @Test
    void picksTheFirstSupportedFingerprint() throws SdpException {
        String answer = SdpFixtures.resource(SEND).replaceFirst("a=fingerprint:",
                "a=fingerprint:sha-1 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01\r\na=fingerprint:");

        RemoteDescription remote = AnswerValidator.validate(SdpFixtures.publishOffer(), SdpParser.parse(answer));

        assertThat(remote.fingerprint().algorithm()).isEqualTo("sha-256");
    }

    @Test
    void directionsFollowTheOfferAnswerRules() {
        assertThat(Direction.SENDONLY.isLegalAnswerTo(Direction.RECVONLY)).isTrue();
        assertThat(Direction.INACTIVE.isLegalAnswerTo(Direction.RECVONLY)).isTrue();
        assertThat(Direction.RECVONLY.isLegalAnswerTo(Direction.SENDONLY)).isTrue();
        assertThat(Direction.SENDRECV.isLegalAnswerTo(Direction.SENDONLY)).isFalse();
        assertThat(Direction.SENDONLY.isLegalAnswerTo(Direction.INACTIVE)).isFalse();
        for (Direction d : Direction.values()) {
            assertThat(d.isLegalAnswerTo(Direction.SENDRECV)).isTrue();
            assertThat(d.reversed().isLegalAnswerTo(d)).isTrue();
        }
    }

    @Test
    void rejectsAFingerprintOfTheWrongLength() {
        assertRejected(s -> s.replaceAll("a=fingerprint:sha-256 [^\r]*", "a=fingerprint:sha-256 AB:CD"),
                "sha-256 value is not 32 colon-separated hex bytes");
    }

    @Test
    void rejectsMissingIceCredentials() {
        assertRejected(s -> s.replaceAll("a=ice-ufrag:[^\r]*\r\n", ""), "no a=ice-ufrag");
        assertRejected(s -> s.replaceAll("a=ice-pwd:[^\r]*\r\n", ""), "no a=ice-pwd");
        assertRejected(s -> s.replace("a=ice-pwd:Wc3kQ1m2n3b4v5c6x7z8a9s0", "a=ice-pwd:short"),
                "ice-pwd must be 22 to 256 ice-chars");
    }

    @Test
    void rejectsSetupOtherThanActiveOrPassive() {
        assertRejected(s -> s.replace("a=setup:active", "a=setup:actpass"), "a=setup:actpass");
        assertRejected(s -> s.replace("a=setup:active\r\n", ""), "no a=setup");
    }

    @Test
    void rejectsMidsThatDoNotMatchTheOffer() {
        assertRejected(s -> s.replace("a=mid:1", "a=mid:video"), "m-section 1 has mid video, the offer has 1");
        assertRejected(s -> s.replace("a=mid:1\r\n", ""), "m-section 1 has no a=mid");
        assertRejected(s -> s.substring(0, s.indexOf("m=video")), "answer has 1 m-sections, the offer has 2");
    }

    @Test
    void rejectsAKindThatDoesNotMatchTheOffer() {
        assertRejected(s -> s.replace("m=video 9", "m=audio 9"), "m-section 1 is audio, the offer has video");
    }

    @Test
    void rejectsAProtocolThatDoesNotMatchTheOffer() {
        assertRejected(s -> s.replace("m=video 9 UDP/TLS/RTP/SAVPF", "m=video 9 RTP/AVP"),
                "m-section 1 uses protocol RTP/AVP, the offer UDP/TLS/RTP/SAVPF");
    }

    @Test
    void rejectsAnIllegalDirection() {
        assertRejected(s -> s.replaceFirst("a=sendonly", "a=recvonly"), "mid 0 answers recvonly to an offered recvonly");
    }

    @Test
    void rejectsPayloadTypesThatWereNotOffered() {
        assertRejected(s -> s.replace("m=audio 9 UDP/TLS/RTP/SAVPF 111", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0"),
                "mid 0 answers payload type 0, which was not offered");
        assertRejected(s -> s.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 G722/8000"),
                "maps payload type 111 to G722, the offer to opus");
    }

    @Test
    void rejectsInconsistentSsrcGroups() {
        assertRejected(s -> s.replace("a=ssrc-group:FID 1447303818 3906524431", "a=ssrc-group:FID 1447303818 5"),
                "names SSRC 5 without a=ssrc line");
        assertRejected(s -> s.replace("a=ssrc:1447303818 cname", "a=ssrc:2812348521 cname"),
                "SSRC 2812348521 of mid 1 is also used by another m-section");
    }

    @Test
    void reportsEveryProblemAtOnce() throws SdpException {
        String answer = SdpFixtures.resource(SEND).replace("a=group:BUNDLE 0 1\r\n", "")
                .replace("a=setup:active", "a=setup:holdconn");
        SessionDescription offer = SdpFixtures.publishOffer();
        SessionDescription parsed = SdpParser.parse(answer);

        assertThatThrownBy(() -> AnswerValidator.validate(offer, parsed)).isInstanceOfSatisfying(SdpException.class,
                e -> {
                    assertThat(e.lineNumber()).isZero();
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.getMessage()).contains("no a=group:BUNDLE").contains("a=setup:holdconn");
                });
    }

    @Test
    void acceptsSessionLevelTransportAttributes() throws SdpException {
        String answer = SdpFixtures.resource(SEND);
        String fingerprintLine = answer.lines().filter(l -> l.startsWith("a=fingerprint")).findFirst().orElseThrow();
        String moved = answer.replaceAll("a=(ice-ufrag|ice-pwd|fingerprint|setup):[^\r]*\r\n", "")
                .replace("t=0 0\r\n", "t=0 0\r\na=ice-ufrag:Xk9q\r\na=ice-pwd:Wc3kQ1m2n3b4v5c6x7z8a9s0\r\n"
                        + fingerprintLine + "\r\na=setup:active\r\n");

        RemoteDescription remote = AnswerValidator.validate(SdpFixtures.publishOffer(), SdpParser.parse(moved));

        assertThat(remote.ice().ufrag()).isEqualTo("Xk9q");
        assertThat(remote.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(remote.media()).hasSize(2);
    }

    private static void assertRejected(UnaryOperator<String> mutation, String problem) {
        String answer = mutation.apply(SdpFixtures.resource(SEND));
        assertThat(answer).isNotEqualTo(SdpFixtures.resource(SEND));
        assertThatThrownBy(() -> AnswerValidator.validate(SdpFixtures.publishOffer(), SdpParser.parse(answer)))
                .isInstanceOf(SdpException.class).hasMessageContaining(problem);
    }

}
