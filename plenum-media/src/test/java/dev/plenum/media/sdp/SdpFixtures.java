package dev.plenum.media.sdp;

import dev.plenum.media.ice.IceCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/** Offers matching the Chromium answers in the test resources, and a way to read those answers. */
final class SdpFixtures {
    static final String STREAM = "plenum-alice";
    static final Fingerprint SERVER_FINGERPRINT = Fingerprint.of("sha-256", new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, (byte) 0xFF});
    static final IceCredentials SERVER_ICE = new IceCredentials("srvU", "serverPasswordOf24Chars+");

    private SdpFixtures() {
    }

    static String resource(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Candidate> candidates() {
        try {
            return HostCandidates.of(List.of(InetAddress.getByName("203.0.113.7"),
                    InetAddress.getByName("2001:db8::7")), 40000, 40443);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static OfferSpec spec(List<Transceiver> transceivers) {
        return new OfferSpec(4242424242L, 1, SERVER_ICE, SERVER_FINGERPRINT, candidates(), transceivers);
    }

    static SendStream send(String track, long ssrc, long rtx) {
        return new SendStream(new Msid(STREAM, track), "plenumcname", ssrc,
                rtx < 0 ? OptionalLong.empty() : OptionalLong.of(rtx));
    }

    /** The offer answered by chrome-answer-audio-video-send.sdp and chrome-answer-simulcast-rid.sdp. */
    static SessionDescription publishOffer() throws SdpException {
        return SdpParser.parse(OfferBuilder.build(spec(List.of(
                Transceiver.receiving("0", MediaKind.AUDIO), Transceiver.receiving("1", MediaKind.VIDEO)))));
    }

    /** The offer answered by chrome-answer-recvonly-slots.sdp. */
    static SessionDescription slotsOffer() throws SdpException {
        return SdpParser.parse(OfferBuilder.build(spec(List.of(
                Transceiver.receiving("0", MediaKind.AUDIO),
                Transceiver.receiving("1", MediaKind.VIDEO),
                Transceiver.sending("2", MediaKind.AUDIO, send("bob-audio", 111111, -1)),
                Transceiver.sending("3", MediaKind.VIDEO, send("bob-video", 222222, 222223)),
                Transceiver.retired("4", MediaKind.VIDEO)))));
    }
}
