package dev.plenum.loadtest.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.ice.IceCredentials;
import dev.plenum.media.sdp.AnswerValidator;
import dev.plenum.media.sdp.Candidate;
import dev.plenum.media.sdp.Direction;
import dev.plenum.media.sdp.Extmap;
import dev.plenum.media.sdp.Fingerprint;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.sdp.Msid;
import dev.plenum.media.sdp.OfferBuilder;
import dev.plenum.media.sdp.OfferSpec;
import dev.plenum.media.sdp.RemoteDescription;
import dev.plenum.media.sdp.RemoteMedia;
import dev.plenum.media.sdp.SdpParser;
import dev.plenum.media.sdp.SendStream;
import dev.plenum.media.sdp.ServerCodecs;
import dev.plenum.media.sdp.Setup;
import dev.plenum.media.sdp.Transceiver;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The load tester's answers pass the server's own answer validator, with the roles the issue asks for. */
class AnswerBuilderTest {
    private static final DtlsCertificate SERVER = DtlsCertificate.generate();
    private static final DtlsCertificate CLIENT = DtlsCertificate.generate();

    private static String offer(List<Transceiver> transceivers) {
        String[] fp = SERVER.sdpFingerprint().split(" ");
        return OfferBuilder.build(new OfferSpec(1, 2, IceCredentials.generate(new SecureRandom()), new Fingerprint(fp[0], fp[1]),
                List.of(new Candidate("1", 1, "udp", 2130706431L, "127.0.0.1", 10000, "host", Optional.empty())),
                transceivers));
    }

    private static List<Transceiver> roomWithOneOtherPublisherAndOneLeaver() {
        return List.of(Transceiver.receiving("0", MediaKind.AUDIO), Transceiver.receiving("1", MediaKind.VIDEO),
                Transceiver.sending("2", MediaKind.AUDIO, new SendStream(new Msid("p1", "audio-p1"), "plenum", 11, OptionalLong.empty())),
                Transceiver.sending("3", MediaKind.VIDEO, new SendStream(new Msid("p1", "video-p1"), "plenum", 12, OptionalLong.of(13))),
                Transceiver.retired("4", MediaKind.AUDIO));
    }

    private static AnswerBuilder.Local local(boolean publishes) {
        IceCredentials ice = IceCredentials.generate(new SecureRandom());
        return new AnswerBuilder.Local(ice.ufrag(), ice.pwd(), CLIENT.sdpFingerprint(), "pub-1", 1111, 2222, publishes);
    }

    @Test
    void aPublisherSendsItsAudioAndVideoOnMidsZeroAndOneAndReceivesTheRest() throws Exception {
        String offer = offer(roomWithOneOtherPublisherAndOneLeaver());
        AnswerBuilder.Local local = local(true);
        String answer = AnswerBuilder.answer(SdpParser.parse(offer), local, 1);

        RemoteDescription rd = AnswerValidator.validate(SdpParser.parse(offer), SdpParser.parse(answer));
        assertThat(rd.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(rd.ice().ufrag()).isEqualTo(local.iceUfrag());
        assertThat(rd.fingerprint().algorithm() + " " + rd.fingerprint().value()).isEqualTo(CLIENT.sdpFingerprint());
        assertThat(rd.media()).extracting(RemoteMedia::direction).containsExactly(Direction.SENDONLY, Direction.SENDONLY,
                Direction.RECVONLY, Direction.RECVONLY, Direction.INACTIVE);
        assertThat(rd.media().get(0).primarySsrcs()).singleElement().satisfies(s -> assertThat(s.ssrc()).isEqualTo(1111));
        assertThat(rd.media().get(1).primarySsrcs()).singleElement().satisfies(s -> assertThat(s.ssrc()).isEqualTo(2222));
    }

    @Test
    void aSubscriberPublishesNothing() throws Exception {
        String offer = offer(roomWithOneOtherPublisherAndOneLeaver());
        String answer = AnswerBuilder.answer(SdpParser.parse(offer), local(false), 1);
        RemoteDescription rd = AnswerValidator.validate(SdpParser.parse(offer), SdpParser.parse(answer));
        assertThat(rd.media()).extracting(RemoteMedia::direction).containsExactly(Direction.INACTIVE, Direction.INACTIVE,
                Direction.RECVONLY, Direction.RECVONLY, Direction.INACTIVE);
        assertThat(rd.media()).allSatisfy(m -> assertThat(m.ssrcs()).isEmpty());
    }

    @Test
    void whatItReceivesKeepsRtxAndTheTransportWideSequenceAsABrowserDoes() throws Exception {
        String offer = offer(roomWithOneOtherPublisherAndOneLeaver());
        String answer = AnswerBuilder.answer(SdpParser.parse(offer), local(false), 1);
        RemoteDescription rd = AnswerValidator.validate(SdpParser.parse(offer), SdpParser.parse(answer));
        RemoteMedia video = rd.media().get(3);
        assertThat(video.payloadTypes()).containsExactly(ServerCodecs.VP8_PT, ServerCodecs.VP8_RTX_PT);
        assertThat(video.extmaps()).extracting(Extmap::uri)
                .containsExactlyInAnyOrder(ServerCodecs.EXT_MID_URI, ServerCodecs.EXT_TRANSPORT_CC_URI);
        assertThat(rd.media().get(2).payloadTypes()).as("audio has no RTX").containsExactly(ServerCodecs.OPUS_PT);
        assertThat(rd.media().get(0).extmaps()).as("an inactive section keeps nothing").isEmpty();
    }

    @Test
    void theServerOfferYieldsItsCredentialsFingerprintAndUdpCandidate() throws Exception {
        String offer = offer(roomWithOneOtherPublisherAndOneLeaver());
        ServerOffer parsed = ServerOffer.parse(offer, "127.0.0.1");
        assertThat(parsed.fingerprint()).isEqualTo(SERVER.fingerprint());
        assertThat(parsed.candidate().getPort()).isEqualTo(10000);
        assertThat(parsed.iceUfrag()).isNotBlank();
    }

    private static List<Transceiver> simulcastRoom() {
        return List.of(Transceiver.receiving("0", MediaKind.AUDIO), Transceiver.receivingSimulcast("1", ServerCodecs.SIMULCAST_RIDS),
                Transceiver.sending("2", MediaKind.VIDEO, new SendStream(new Msid("p1", "video-p1"), "plenum", 12, OptionalLong.of(13))),
                Transceiver.sending("3", MediaKind.VIDEO, new SendStream(new Msid("screen-p1", "screen-p1"), "plenum", 14, OptionalLong.of(15))));
    }

    private static AnswerBuilder.Local simulcastPublisher(boolean simulcast) {
        IceCredentials ice = IceCredentials.generate(new SecureRandom());
        return new AnswerBuilder.Local(ice.ufrag(), ice.pwd(), CLIENT.sdpFingerprint(), "pub-1", 1111, 2222, 3333, true, simulcast);
    }

    @Test
    void aSimulcastPublisherAnswersEachOfferedRidWithSendAndNoSsrcAsChromiumDoes() throws Exception {
        String offer = offer(simulcastRoom());
        String answer = AnswerBuilder.answer(SdpParser.parse(offer), simulcastPublisher(true), 1);

        assertThat(answer).contains("a=rid:q send\r\na=rid:h send\r\na=rid:f send\r\na=simulcast:send q;h;f\r\n");
        RemoteDescription rd = AnswerValidator.validate(SdpParser.parse(offer), SdpParser.parse(answer));
        RemoteMedia camera = rd.media().get(1);
        assertThat(camera.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(camera.sendRids()).containsExactly("q", "h", "f");
        assertThat(camera.ssrcs()).as("the SFU learns the layers' SSRCs from their RIDs").isEmpty();
        assertThat(camera.extmaps()).extracting(Extmap::uri).containsExactlyInAnyOrder(ServerCodecs.EXT_TRANSPORT_CC_URI,
                ServerCodecs.EXT_RID_URI, ServerCodecs.EXT_REPAIRED_RID_URI);
        assertThat(camera.payloadTypes()).containsExactly(ServerCodecs.VP8_PT, ServerCodecs.VP8_RTX_PT);
        assertThat(rd.media().get(0).primarySsrcs()).singleElement().satisfies(s -> assertThat(s.ssrc()).isEqualTo(1111));
        assertThat(rd.media().get(0).sendRids()).as("audio is never simulcast").isEmpty();
    }

    @Test
    void withoutSimulcastTheCameraIsOneSsrcWithItsRtxInAnFidGroup() throws Exception {
        String offer = offer(simulcastRoom());
        String answer = AnswerBuilder.answer(SdpParser.parse(offer), simulcastPublisher(false), 1);

        assertThat(answer).doesNotContain("a=rid:").doesNotContain("a=simulcast");
        RemoteDescription rd = AnswerValidator.validate(SdpParser.parse(offer), SdpParser.parse(answer));
        RemoteMedia camera = rd.media().get(1);
        assertThat(camera.sendRids()).isEmpty();
        assertThat(camera.primarySsrcs()).singleElement().satisfies(s -> assertThat(s.ssrc()).isEqualTo(2222));
        assertThat(camera.rtxFor(2222)).isEqualTo(3333);
    }

    @Test
    void theOfferedRidsAreTakenInTheSimulcastOrderSkippingPausedMarks() throws Exception {
        String offer = offer(simulcastRoom()).replace("a=simulcast:recv q;h;f", "a=simulcast:recv f;~h;q");
        assertThat(AnswerBuilder.offeredRids(SdpParser.parse(offer).media().get(1))).containsExactly("f", "h", "q");
        assertThat(AnswerBuilder.offeredRids(SdpParser.parse(offer).media().get(0))).isEmpty();
    }

    @Test
    void theCamerasOfAnOfferAreItsSendingVideoSectionsOtherThanScreens() throws Exception {
        assertThat(Cameras.participantIds(SdpParser.parse(offer(simulcastRoom())))).containsExactly("p1");
        assertThat(Cameras.participantIds(SdpParser.parse(offer(roomWithOneOtherPublisherAndOneLeaver())))).containsExactly("p1");
    }
}
