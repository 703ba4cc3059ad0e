package dev.plenum.control.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.Cost.TESTING);

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String stored = hasher.hash("correct horse battery");
        assertThat(stored).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse battery", stored)).isTrue();
        assertThat(hasher.verify("correct horse batterz", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    @Test
    void saltsDifferSoEqualPasswordsHashApart() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void theStoredParametersAreUsedToVerify() {
        String strong = new PasswordHasher(new PasswordHasher.Cost(2048, 2, 1)).hash("pw-1234567");
        assertThat(hasher.verify("pw-1234567", strong)).isTrue();
        assertThat(hasher.needsRehash(strong)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x"))).isFalse();
    }

    @Test
    void theDefaultCostIsOwaspsArgon2idRecommendation() {
        assertThat(PasswordHasher.Cost.DEFAULT).isEqualTo(new PasswordHasher.Cost(19 * 1024, 2, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=16$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=x,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
            "$argon2id$v=19$m=1024,t=1,p=1$!!$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=1024,t=1$c2FsdHNhbHQ$aGFzaA"})
    void malformedStoredValuesNeverVerify(String stored) {
        assertThat(hasher.verify("anything", stored)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void tamperingWithAnyCharacterOfTheTagFails(long seed) {
        Random random = new Random(seed);
        String stored = hasher.hash("pw-" + seed);
        int tagStart = stored.lastIndexOf('$') + 1;
        int at = tagStart + random.nextInt(stored.length() - tagStart - 1);
        char replacement = stored.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = stored.substring(0, at) + replacement + stored.substring(at + 1);
        assertThat(hasher.verify("pw-" + seed, tampered)).isFalse();
    }
}
