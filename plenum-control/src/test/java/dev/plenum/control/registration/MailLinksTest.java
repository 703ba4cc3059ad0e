package dev.plenum.control.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The personal links of registration mails: signed per purpose, checked strictly, their key kept in a file. */
class MailLinksTest {
    @TempDir
    Path dir;

    @Test
    void aKeyNamesItsRegistrantForItsOwnPurposeOnly() {
        MailLinks links = MailLinks.random();
        assertThat(links.joinRegistrant(links.joinKey(42))).hasValue(42);
        assertThat(links.cancelRegistrant(links.cancelToken(42))).hasValue(42);
        assertThat(links.joinRegistrant(links.cancelToken(42))).isEmpty();
        assertThat(links.cancelRegistrant(links.joinKey(42))).isEmpty();
        assertThat(MailLinks.random().joinRegistrant(links.joinKey(42))).as("another key").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 123456789L})
    void noOtherTextPassesNotEvenAnotherSpellingOfTheSameBytes(long seed) {
        MailLinks links = MailLinks.random();
        String key = links.joinKey(seed);
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            char[] changed = key.toCharArray();
            int at = random.nextInt(changed.length);
            char replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".charAt(random.nextInt(65));
            if (changed[at] == replacement) continue;
            changed[at] = replacement;
            assertThat(links.joinRegistrant(new String(changed))).as(new String(changed)).isEmpty();
        }
        for (String bad : new String[] {"", ".", "1.", ".abc", "0." + key.substring(key.indexOf('.') + 1), "-1.x", "x".repeat(65), null}) {
            assertThat(links.joinRegistrant(bad)).isEmpty();
        }
    }

    @Test
    void theKeyFileIsMadeOnceReadableByItsOwnerOnlyAndKeptAcrossStarts() throws IOException {
        Path file = dir.resolve("data/link.key");
        MailLinks first = MailLinks.fromFile(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        MailLinks again = MailLinks.fromFile(file);
        assertThat(again.joinRegistrant(first.joinKey(5))).hasValue(5);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void anUnusableKeyFileStopsTheStart() throws IOException {
        Path notBase64 = Files.writeString(dir.resolve("a.key"), "not base64!");
        assertThatThrownBy(() -> MailLinks.fromFile(notBase64)).isInstanceOf(IOException.class).hasMessageContaining("base64");
        Path tooShort = Files.writeString(dir.resolve("b.key"), "AAAA");
        assertThatThrownBy(() -> MailLinks.fromFile(tooShort)).isInstanceOf(IOException.class).hasMessageContaining("32 bytes");
    }
}
