package dev.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IceCredentialsTest {

    @Test
    void generatedCredentialsAreLongEnoughIceCharsAndDistinct() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            IceCredentials c = IceCredentials.generate(random);
            assertThat(c.ufrag()).hasSizeGreaterThanOrEqualTo(4).matches("[A-Za-z0-9+/]+");
            assertThat(c.pwd()).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9+/]+");
            assertThat(seen.add(c.ufrag())).isTrue();
        }
    }

    @Test
    void rejectsShortOrIllegalValues() {
        assertThatThrownBy(() -> new IceCredentials("abc", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "a".repeat(21))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("ab:d", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IceCredentials("ab+/", "a".repeat(22)).ufrag()).isEqualTo("ab+/");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(new IceCredentials("abcd", "secretsecretsecretsecret").toString()).doesNotContain("secret");
    }
}
