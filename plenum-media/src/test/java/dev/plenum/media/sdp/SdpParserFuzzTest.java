package dev.plenum.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser and the answer validator face untrusted text: whatever arrives, the only failure they may show is an
 * {@link SdpException}, and the configured limits hold. Seeds for the fuzz target are the Chromium answers in
 * {@code SdpParserFuzzTestInputs/parsesOrThrowsSdpException/}; {@link #randomMutationsOfRealAnswers} checks the same
 * property with seeded mutations under plain {@code mvn test}.
 */
class SdpParserFuzzTest {
    private static final SdpLimits LIMITS = new SdpLimits(16 * 1024, 8, 512);
    private static final SdpParser PARSER = new SdpParser(LIMITS);
    private static final List<String> SAMPLES = List.of(
            SdpFixtures.resource("chrome-answer-audio-video-send.sdp"),
            SdpFixtures.resource("chrome-answer-recvonly-slots.sdp"),
            SdpFixtures.resource("chrome-answer-simulcast-rid.sdp"));
    private static final SessionDescription PUBLISH_OFFER;
    private static final SessionDescription SLOTS_OFFER;

    static {
        try {
            PUBLISH_OFFER = SdpFixtures.publishOffer();
            SLOTS_OFFER = SdpFixtures.slotsOffer();
        } catch (SdpException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void parsesOrThrowsSdpException(byte[] input) {
        check(new String(input, StandardCharsets.UTF_8));
    }

    @Test
    void randomMutationsOfRealAnswers() {
        Random r = new Random(0x5DB_2026L);
        String alphabet = "\r\n =:/;0123456789amvos-*\u0000\u00e9";
        for (int i = 0; i < 1500; i++) {
            StringBuilder sb = new StringBuilder(SAMPLES.get(r.nextInt(SAMPLES.size())));
            int mutations = 1 + r.nextInt(8);
            for (int k = 0; k < mutations && !sb.isEmpty(); k++) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(5)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 2 -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 3 -> sb.setLength(at);
                    default -> {
                        int end = Math.min(sb.length(), at + r.nextInt(200));
                        sb.insert(at, sb.substring(at, end));
                    }
                }
            }
            check(sb.toString());
        }
    }

    @Test
    void unmutatedSamplesPassTheSameCheck() throws SdpException {
        for (String sample : SAMPLES) {
            assertThat(PARSER.parseDescription(sample).media()).isNotEmpty();
        }
    }

    private static void check(String text) {
        SessionDescription parsed;
        try {
            parsed = PARSER.parseDescription(text);
        } catch (SdpException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.lineNumber()).isBetween(0, text.length() + 1);
            return;
        }
        assertThat(text.length()).isLessThanOrEqualTo(LIMITS.maxLength());
        assertThat(parsed.media().size()).isLessThanOrEqualTo(LIMITS.maxMediaSections());
        for (SessionDescription offer : List.of(PUBLISH_OFFER, SLOTS_OFFER)) {
            try {
                RemoteDescription remote = AnswerValidator.validate(offer, parsed);
                assertThat(remote.media()).hasSameSizeAs(offer.media());
            } catch (SdpException e) {
                assertThat(e.problems()).isNotEmpty();
            }
        }
    }
}
