package dev.plenum.media.sdp;

import dev.plenum.media.ice.IceCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OfferBuilderTest {

    @Test
    void writesTheDocumentedOffer() {
        String sdp = OfferBuilder.build(new OfferSpec(7, 3, SdpFixtures.SERVER_ICE, SdpFixtures.SERVER_FINGERPRINT,
                HostCandidates.of(List.of(address("203.0.113.7")), 40000, 40443), List.of(
                        Transceiver.receiving("0", MediaKind.AUDIO),
                        Transceiver.sending("1", MediaKind.VIDEO, SdpFixtures.send("bob-video", 5, 6)))));

        String fp = SdpFixtures.SERVER_FINGERPRINT.value();
        assertThat(sdp).isEqualTo(String.join("\r\n",
                "v=0",
                "o=- 7 3 IN IP4 0.0.0.0",
                "s=-",
                "t=0 0",
                "a=ice-lite",
                "a=group:BUNDLE 0 1",
                "a=extmap-allow-mixed",
                "a=msid-semantic: WMS *",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:srvU",
                "a=ice-pwd:serverPasswordOf24Chars+",
                "a=fingerprint:sha-256 " + fp,
                "a=setup:actpass",
                "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=extmap:2 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                "a=extmap:4 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:111 opus/48000/2",
                "a=rtcp-fb:111 transport-cc",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=candidate:3800892436 1 udp 2130706431 203.0.113.7 40000 typ host",
                "a=candidate:1052472636 1 tcp 2124414975 203.0.113.7 40443 typ host tcptype passive",
                "a=end-of-candidates",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:srvU",
                "a=ice-pwd:serverPasswordOf24Chars+",
                "a=fingerprint:sha-256 " + fp,
                "a=setup:actpass",
                "a=mid:1",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                "a=extmap:4 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                "a=sendonly",
                "a=msid:plenum-alice bob-video",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:96 VP8/90000",
                "a=rtcp-fb:96 goog-remb",
                "a=rtcp-fb:96 transport-cc",
                "a=rtcp-fb:96 ccm fir",
                "a=rtcp-fb:96 nack",
                "a=rtcp-fb:96 nack pli",
                "a=rtpmap:97 rtx/90000",
                "a=fmtp:97 apt=96",
                "a=ssrc-group:FID 5 6",
                "a=ssrc:5 cname:plenumcname",
                "a=ssrc:5 msid:plenum-alice bob-video",
                "a=ssrc:6 cname:plenumcname",
                "a=ssrc:6 msid:plenum-alice bob-video",
                "") );
    }

    @Test
    void aSimulcastSlotAsksForTheLayersByRidAndLearnsWhichTheBrowserSends() throws SdpException {
        String sdp = OfferBuilder.build(SdpFixtures.spec(List.of(Transceiver.receiving("0", MediaKind.AUDIO),
                Transceiver.receivingSimulcast("1", ServerCodecs.SIMULCAST_RIDS))));
        assertThat(sdp).contains("a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n",
                "a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id\r\n",
                "a=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;h;f\r\n");
        assertThat(sdp.split("a=rid:q").length).as("only on the simulcast slot").isEqualTo(2);

        // Chromium answers with the RIDs it sends and no a=ssrc lines: the SSRCs come with the packets.
        SessionDescription offer = SdpParser.parse(sdp);
        String answer = answerTo(offer).replace("a=ssrc-group:FID 1001 1002\r\n", "")
                .replace("a=ssrc:1002 cname:browsercname\r\n", "")
                .replace("a=ssrc:1001 cname:browsercname\r\n",
                        "a=rid:q send\r\na=rid:h send\r\na=rid:f send\r\na=simulcast:send q;h;f\r\n");
        RemoteDescription remote = AnswerValidator.validate(offer, SdpParser.parse(answer));
        assertThat(remote.media("1").orElseThrow().sendRids()).containsExactly("q", "h", "f");
        assertThat(remote.media("0").orElseThrow().sendRids()).isEmpty();
    }

    @Test
    void onlyAReceivingVideoSlotAsksForSimulcast() {
        assertThatThrownBy(() -> new Transceiver("0", MediaKind.AUDIO, Direction.RECVONLY, Optional.empty(),
                List.of("q"))).hasMessageContaining("simulcast");
        assertThatThrownBy(() -> Transceiver.receivingSimulcast("1", List.of("q", "q"))).hasMessageContaining("differ");
        assertThatThrownBy(() -> Transceiver.receivingSimulcast("1", List.of("a b"))).hasMessageContaining("bad rid");
    }

    @Test
    void hostCandidatesRankUdpAboveTcpAndFollowRfc8445Priorities() {
        List<Candidate> c = HostCandidates.of(List.of(address("203.0.113.7"), address("2001:db8::7")), 40000, 40443);

        assertThat(c).extracting(Candidate::transport).containsExactly("udp", "udp", "tcp", "tcp");
        assertThat(c).extracting(Candidate::port).containsExactly(40000, 40000, 40443, 40443);
        assertThat(c).extracting(Candidate::address).containsExactly("203.0.113.7", "2001:db8:0:0:0:0:0:7",
                "203.0.113.7", "2001:db8:0:0:0:0:0:7");
        assertThat(c.get(2).tcpType()).contains("passive");
        // 2^24 * 126 + 2^8 * 65535 + 255: host type preference, first UDP address, component 1.
        assertThat(c.getFirst().priority()).isEqualTo(2130706431L);
        assertThat(c).extracting(Candidate::priority).isSortedAccordingTo((a, b) -> Long.compare(b, a))
                .doesNotHaveDuplicates();
        assertThat(c).extracting(Candidate::foundation).doesNotHaveDuplicates();
        assertThat(HostCandidates.of(List.of(address("203.0.113.7")), 40000, 0)).hasSize(1);
    }

    @Test
    void refusesSpecsChromiumWouldRejectOrThatBreakTheDesign() {
        assertThatThrownBy(() -> SdpFixtures.spec(List.of(Transceiver.receiving("0", MediaKind.AUDIO),
                Transceiver.receiving("0", MediaKind.VIDEO)))).hasMessageContaining("duplicate mid");
        assertThatThrownBy(() -> new Transceiver("1", MediaKind.VIDEO, Direction.SENDONLY,
                Optional.of(SdpFixtures.send("v", 1, -1)))).hasMessageContaining("needs an RTX SSRC");
        assertThatThrownBy(() -> new Transceiver("1", MediaKind.AUDIO, Direction.SENDRECV, Optional.empty()))
                .hasMessageContaining("never offers sendrecv");
        assertThatThrownBy(() -> new Transceiver("a b", MediaKind.AUDIO, Direction.RECVONLY, Optional.empty()))
                .hasMessageContaining("mid");
        assertThatThrownBy(() -> new OfferSpec(1, 1, SdpFixtures.SERVER_ICE, new Fingerprint("sha-1", "AB"),
                SdpFixtures.candidates(), List.of(Transceiver.receiving("0", MediaKind.AUDIO))))
                .hasMessageContaining("sha-256");
    }

    @Test
    void renegotiationIncrementsTheVersionAndKeepsMLineOrder() throws SdpException {
        OfferSpec first = SdpFixtures.spec(List.of(Transceiver.receiving("0", MediaKind.AUDIO),
                Transceiver.sending("1", MediaKind.VIDEO, SdpFixtures.send("v", 10, 11))));
        OfferSpec second = first.next(List.of(Transceiver.receiving("0", MediaKind.AUDIO),
                Transceiver.retired("1", MediaKind.VIDEO), Transceiver.receiving("2", MediaKind.VIDEO)));

        SessionDescription parsed = SdpParser.parse(OfferBuilder.build(second));
        assertThat(parsed.origin().sessionVersion()).isEqualTo("2");
        assertThat(parsed.origin().sessionId()).isEqualTo(Long.toString(first.sessionId()));
        assertThat(parsed.media()).extracting(MediaDescription::direction)
                .containsExactly(Direction.RECVONLY, Direction.INACTIVE, Direction.RECVONLY);
        assertThat(parsed.media().get(1).isRejected()).isFalse();
        assertThatThrownBy(() -> second.next(List.of(Transceiver.receiving("0", MediaKind.AUDIO))))
                .hasMessageContaining("never removed");
        assertThatThrownBy(() -> second.next(List.of(Transceiver.receiving("0", MediaKind.AUDIO),
                Transceiver.receiving("2", MediaKind.VIDEO), Transceiver.receiving("1", MediaKind.VIDEO))))
                .hasMessageContaining("must stay so");
    }

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void roundTripsThroughTheParser(long seed) throws SdpException {
        OfferSpec spec = randomSpec(new Random(seed));

        SessionDescription parsed = SdpParser.parse(OfferBuilder.build(spec));

        assertThat(specOf(parsed)).isEqualTo(spec);
        assertServerInvariants(parsed, spec);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aChromiumLikeAnswerToTheOfferValidates(long seed) throws SdpException {
        OfferSpec spec = randomSpec(new Random(seed));
        SessionDescription offer = SdpParser.parse(OfferBuilder.build(spec));

        RemoteDescription remote = AnswerValidator.validate(offer, SdpParser.parse(answerTo(offer)));

        assertThat(remote.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(remote.media()).extracting(RemoteMedia::mid)
                .containsExactlyElementsOf(spec.transceivers().stream().map(Transceiver::mid).toList());
        for (int i = 0; i < spec.transceivers().size(); i++) {
            assertThat(remote.media().get(i).direction())
                    .isEqualTo(spec.transceivers().get(i).direction().reversed());
        }
    }

    /** Everything the server writes holds for every m-section. */
    private static void assertServerInvariants(SessionDescription sdp, OfferSpec spec) {
        assertThat(sdp.iceLite()).isTrue();
        assertThat(sdp.bundleGroup().orElseThrow().mids())
                .containsExactlyElementsOf(spec.transceivers().stream().map(Transceiver::mid).toList());
        for (MediaDescription m : sdp.media()) {
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.rtcpRsize()).isTrue();
            assertThat(m.setup()).contains(Setup.ACTPASS);
            assertThat(m.isRejected()).isFalse();
            assertThat(m.protocol()).isEqualTo(OfferBuilder.PROTOCOL);
            assertThat(m.iceUfrag()).contains(spec.ice().ufrag());
            if (m.kind() == MediaKind.AUDIO) {
                assertThat(m.formats()).containsExactly("111");
                assertThat(m.extmaps()).extracting(Extmap::id).containsExactly(1, 2, 3, 4);
            } else {
                assertThat(m.formats()).containsExactly("96", "97");
                assertThat(m.payloadType(97).orElseThrow().fmtp()).contains("apt=96");
                assertThat(m.extmaps()).extracting(Extmap::id).containsExactly(1, 3, 4);
            }
        }
        assertThat(sdp.media().getFirst().endOfCandidates()).isTrue();
    }

    /** Rebuilds the spec from a parsed offer: the inverse of {@link OfferBuilder#build}. */
    private static OfferSpec specOf(SessionDescription sdp) {
        MediaDescription tag = sdp.media().getFirst();
        List<Transceiver> transceivers = new ArrayList<>();
        for (MediaDescription m : sdp.media()) {
            Optional<SendStream> send = Optional.empty();
            if (!m.msids().isEmpty()) {
                Optional<SsrcGroup> fid = m.ssrcGroups().stream().filter(g -> g.semantics().equals("FID")).findFirst();
                long primary = fid.map(g -> g.ssrcs().get(0)).orElse(m.ssrcs().getFirst().ssrc());
                OptionalLong rtx = fid.map(g -> OptionalLong.of(g.ssrcs().get(1))).orElse(OptionalLong.empty());
                Ssrc s = m.ssrc(primary).orElseThrow();
                assertThat(s.msid()).contains(m.msids().getFirst());
                send = Optional.of(new SendStream(m.msids().getFirst(), s.cname().orElseThrow(), primary, rtx));
            }
            transceivers.add(new Transceiver(m.mid().orElseThrow(), m.kind(), m.direction(), send));
        }
        return new OfferSpec(Long.parseLong(sdp.origin().sessionId()), Long.parseLong(sdp.origin().sessionVersion()),
                new IceCredentials(tag.iceUfrag().orElseThrow(), tag.icePwd().orElseThrow()),
                tag.fingerprints().getFirst(), tag.candidates(), transceivers);
    }

    static OfferSpec randomSpec(Random r) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
        IceCredentials ice = new IceCredentials(randomString(r, alphabet, 4 + r.nextInt(8)),
                randomString(r, alphabet, 22 + r.nextInt(10)));
        byte[] digest = new byte[32];
        r.nextBytes(digest);
        List<InetAddress> addresses = new ArrayList<>();
        int addressCount = 1 + r.nextInt(3);
        for (int i = 0; i < addressCount; i++) {
            byte[] raw = new byte[r.nextBoolean() ? 4 : 16];
            r.nextBytes(raw);
            raw[0] = (byte) (raw.length == 4 ? 198 : 0x20); // not a multicast or scoped address
            try {
                addresses.add(InetAddress.getByAddress(raw));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        if (new HashSet<>(addresses).size() != addresses.size()) {
            addresses = List.of(addresses.getFirst());
        }
        int count = 1 + r.nextInt(12);
        List<Transceiver> transceivers = new ArrayList<>();
        Set<Long> ssrcs = new HashSet<>();
        Set<String> mids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String mid;
            do {
                mid = r.nextInt(4) == 0 ? randomString(r, "abcdefxyz0123456789-_", 1 + r.nextInt(6))
                        : Integer.toString(i);
            } while (!mids.add(mid));
            MediaKind kind = r.nextBoolean() ? MediaKind.AUDIO : MediaKind.VIDEO;
            int d = r.nextInt(3);
            if (d == 0) {
                transceivers.add(Transceiver.receiving(mid, kind));
            } else if (d == 2) {
                transceivers.add(Transceiver.retired(mid, kind));
            } else {
                long ssrc = freshSsrc(r, ssrcs);
                OptionalLong rtx = kind == MediaKind.VIDEO ? OptionalLong.of(freshSsrc(r, ssrcs)) : OptionalLong.empty();
                Msid msid = new Msid(randomString(r, "abcdef0123456789-", 1 + r.nextInt(36)),
                        randomString(r, "abcdef0123456789-", 1 + r.nextInt(36)));
                transceivers.add(Transceiver.sending(mid, kind, new SendStream(msid,
                        randomString(r, alphabet, 16), ssrc, rtx)));
            }
        }
        return new OfferSpec(r.nextLong() & Long.MAX_VALUE, r.nextLong() & Long.MAX_VALUE, ice,
                Fingerprint.of("sha-256", digest), HostCandidates.of(addresses, 1024 + r.nextInt(60000),
                        r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(65535)), transceivers);
    }

    private static long freshSsrc(Random r, Set<Long> used) {
        long s;
        do {
            s = r.nextLong() & 0xFFFF_FFFFL;
        } while (!used.add(s));
        return s;
    }

    private static String randomString(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * What Chromium answers to an offer, reduced to what matters here: its own ICE credentials, fingerprint and
     * setup:active, the reversed directions, no server candidates or SSRCs, and SSRCs of its own where it sends.
     */
    static String answerTo(SessionDescription offer) {
        StringBuilder sb = new StringBuilder();
        sb.append("v=0\r\no=- 99 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE");
        offer.bundleGroup().orElseThrow().mids().forEach(mid -> sb.append(' ').append(mid));
        sb.append("\r\na=msid-semantic: WMS browser\r\n");
        long ssrc = 1000;
        for (MediaDescription m : offer.media()) {
            sb.append("m=").append(m.media()).append(" 9 ").append(m.protocol()).append(' ')
                    .append(String.join(" ", m.formats())).append("\r\nc=IN IP4 0.0.0.0\r\n")
                    .append("a=ice-ufrag:brow\r\na=ice-pwd:browserPasswordOf24Char\r\n")
                    .append("a=fingerprint:sha-256 ").append(SdpFixtures.SERVER_FINGERPRINT.value()).append("\r\n")
                    .append("a=setup:active\r\na=mid:").append(m.mid().orElseThrow()).append("\r\n");
            m.extmaps().forEach(e -> sb.append("a=extmap:").append(e.id()).append(' ').append(e.uri()).append("\r\n"));
            Direction d = m.direction().reversed();
            sb.append("a=").append(d.attribute()).append("\r\na=rtcp-mux\r\n");
            for (PayloadType p : m.payloadTypes()) {
                RtpMap map = p.rtpMap().orElseThrow();
                sb.append("a=rtpmap:").append(p.number()).append(' ').append(map.encodingName()).append('/')
                        .append(map.clockRate()).append(map.channels() > 1 ? "/" + map.channels() : "").append("\r\n");
            }
            if (d.sends()) {
                long primary = ssrc++;
                sb.append("a=msid:browser track").append(primary).append("\r\n");
                sb.append("a=ssrc:").append(primary).append(" cname:browsercname\r\n");
                if (m.kind() == MediaKind.VIDEO) {
                    long rtx = ssrc++;
                    sb.append("a=ssrc-group:FID ").append(primary).append(' ').append(rtx).append("\r\n");
                    sb.append("a=ssrc:").append(rtx).append(" cname:browsercname\r\n");
                }
            }
        }
        return sb.toString();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The m-sections of an offer, each as its text from its m-line up to the next. */
    private static List<String> sections(String sdp) {
        List<String> out = new ArrayList<>(List.of(sdp.split("(?=\r\nm=)")));
        out.removeFirst(); // the session part
        return out;
    }

    /**
     * A join or a leave renegotiates the same PeerConnection: the re-offer must leave every m-section it does not
     * retire exactly as it was (ssrc, msid, direction, codecs, extensions), so the browser keeps its receivers and
     * their jitter buffers, and decoding does not pause (RFC 8829 §5.2.2).
     */
    @Test
    void aReOfferKeepsEveryExistingMediaSectionByteIdentical() {
        List<Candidate> candidates = HostCandidates.of(List.of(address("203.0.113.7")), 40000, 40443);
        List<Transceiver> before = List.of(Transceiver.receiving("0", MediaKind.AUDIO),
                Transceiver.receiving("1", MediaKind.VIDEO),
                Transceiver.sending("2", MediaKind.AUDIO, SdpFixtures.send("bob-audio", 5, -1)),
                Transceiver.sending("3", MediaKind.VIDEO, SdpFixtures.send("bob-video", 6, 7)),
                Transceiver.sending("4", MediaKind.VIDEO, SdpFixtures.send("cid-video", 8, 9)));
        OfferSpec first = new OfferSpec(7, 1, SdpFixtures.SERVER_ICE, SdpFixtures.SERVER_FINGERPRINT, candidates, before);
        List<Transceiver> after = new ArrayList<>(before);
        after.set(4, Transceiver.retired("4", MediaKind.VIDEO)); // Cid left
        after.add(Transceiver.sending("5", MediaKind.VIDEO, SdpFixtures.send("dan-video", 10, 11))); // Dan joined
        List<String> was = sections(OfferBuilder.build(first));
        List<String> now = sections(OfferBuilder.build(first.next(after)));
        assertThat(now).hasSize(6);
        assertThat(now.subList(0, 4)).isEqualTo(was.subList(0, 4));
        assertThat(now.get(4)).contains("a=inactive").doesNotContain("a=ssrc");
    }
}
