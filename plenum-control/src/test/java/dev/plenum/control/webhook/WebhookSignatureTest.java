package dev.plenum.control.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Plenum-Signature header: HMAC-SHA256 over the timestamp and the body, checked as a receiver would. */
class WebhookSignatureTest {

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBody() {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test',
        // b'1764000000.{\"a\":1}', hashlib.sha256).hexdigest())"
        assertThat(WebhookSignature.sign("whsec_test", 1764000000L, "{\"a\":1}"))
                .isEqualTo("t=1764000000,v1=c862972147a4361237a5bcb4f74195e2e5d448641115622fe658a65985c5ae8c");
    }

    @Test
    void aReceiverAcceptsOnlyTheUntouchedBodyUnderTheRightSecret() {
        String header = WebhookSignature.sign("whsec_a", 1764000000L, "{\"type\":\"session.started\"}");
        assertThat(WebhookSignature.verify("whsec_a", header, "{\"type\":\"session.started\"}")).isTrue();
        assertThat(WebhookSignature.verify("whsec_b", header, "{\"type\":\"session.started\"}")).isFalse();
        assertThat(WebhookSignature.verify("whsec_a", header, "{\"type\":\"session.ended\"}")).isFalse();
        assertThat(WebhookSignature.verify("whsec_a", header.replace("t=1764000000", "t=1764000001"),
                "{\"type\":\"session.started\"}")).as("the timestamp is signed too").isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void malformedHeadersAreRefusedNeverThrown(long seed) {
        Random random = new Random(seed);
        String alphabet = "tv1=,0123456789abcdefxyz ";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(90);
            for (int j = 0; j < n; j++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            assertThat(WebhookSignature.verify("s", sb.toString(), "{}")).isFalse();
        }
        assertThat(WebhookSignature.verify("s", null, "{}")).isFalse();
    }
}
