package dev.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HmacSha1Test {

    @Test
    void rfc_2202_test_case_2() {
        HmacSha1 h = new HmacSha1("Jefe".getBytes());
        byte[] msg = "what do ya want for nothing?".getBytes();
        byte[] out = new byte[20];
        h.update(msg, 0, msg.length);
        h.finish(out, 0);
        assertThat(Hex.of(out)).isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void agrees_with_the_jdk_mac_across_messages_and_key_lengths(int seed) throws Exception {
        Random r = new Random(seed);
        byte[] key = new byte[1 + r.nextInt(100)];
        r.nextBytes(key);
        HmacSha1 ours = new HmacSha1(key);
        Mac jdk = Mac.getInstance("HmacSHA1");
        jdk.init(new SecretKeySpec(key, "HmacSHA1"));
        for (int i = 0; i < 20; i++) {
            byte[] msg = new byte[r.nextInt(1500)];
            r.nextBytes(msg);
            byte[] out = new byte[24];
            int split = msg.length / 3;
            ours.update(msg, 0, split);
            ours.update(msg, split, msg.length - split);
            ours.finish(out, 4);
            assertThat(Arrays.copyOfRange(out, 4, 24)).isEqualTo(jdk.doFinal(msg));
        }
    }
}
