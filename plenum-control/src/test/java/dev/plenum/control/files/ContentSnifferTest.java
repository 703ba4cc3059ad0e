package dev.plenum.control.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.slides.TestPdfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file's kind comes from its bytes, from an allow-list; anything else, and any byte soup, is simply not accepted. */
class ContentSnifferTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};

    static byte[] zip(String... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    @Test
    void recognisesEachAllowedKindFromItsBytes() {
        assertThat(ContentSniffer.sniff(TestPdfs.slides(1))).contains(FileKind.PDF);
        assertThat(ContentSniffer.sniff(PNG)).contains(FileKind.PNG);
        assertThat(ContentSniffer.sniff(JPEG)).contains(FileKind.JPEG);
        assertThat(ContentSniffer.sniff("Zażółć gęślą jaźń\r\n\tagenda:\n1. slides".getBytes(StandardCharsets.UTF_8)))
                .contains(FileKind.TEXT);
        assertThat(ContentSniffer.sniff(zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"))).contains(FileKind.DOCX);
        assertThat(ContentSniffer.sniff(zip("[Content_Types].xml", "xl/workbook.xml"))).contains(FileKind.XLSX);
        assertThat(ContentSniffer.sniff(zip("[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml")))
                .contains(FileKind.PPTX);
    }

    @Test
    void refusesWhatIsNotOnTheList() {
        assertThat(ContentSniffer.sniff(new byte[0])).isEmpty();
        assertThat(ContentSniffer.sniff(zip("a.txt", "b.exe"))).as("a plain ZIP").isEmpty();
        assertThat(ContentSniffer.sniff(zip("word/document.xml"))).as("no content types part").isEmpty();
        assertThat(ContentSniffer.sniff(zip("[Content_Types].xml", "word/a.xml", "xl/b.xml"))).as("two kinds").isEmpty();
        assertThat(ContentSniffer.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII))).contains(FileKind.TEXT); // printable: text
        assertThat(ContentSniffer.sniff(new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0})).isEmpty();
        assertThat(ContentSniffer.sniff(new byte[] {'M', 'Z', (byte) 0x90, 0})).as("a Windows program").isEmpty();
        assertThat(ContentSniffer.sniff(new byte[] {'a', 'b', (byte) 0xc3})).as("cut UTF-8").isEmpty();
        assertThat(ContentSniffer.sniff("hello\0world".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void aDeclaredTypeMustFitTheSniffedOne() {
        assertThat(FileKind.PDF.accepts("application/pdf")).isTrue();
        assertThat(FileKind.PDF.accepts(null)).isTrue();
        assertThat(FileKind.PDF.accepts("")).isTrue();
        assertThat(FileKind.PDF.accepts("application/octet-stream")).isTrue();
        assertThat(FileKind.PDF.accepts("image/png")).isFalse();
        assertThat(FileKind.PNG.accepts("application/pdf")).isFalse();
        assertThat(FileKind.TEXT.accepts("text/csv; charset=utf-8")).isTrue();
        assertThat(FileKind.TEXT.accepts("text/html")).isTrue();
        assertThat(FileKind.DOCX.accepts("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).isTrue();
        assertThat(FileKind.DOCX.accepts("application/vnd.openxmlformats-officedocument.presentationml.presentation")).isFalse();
    }

    /** Property: for any bytes the sniffer answers without throwing, and answers the same again. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void anyBytesGetAStableAnswerAndNeverAnException(long seed) {
        Random random = new Random(seed);
        byte[][] prefixes = {{}, {'%', 'P', 'D', 'F', '-'}, Arrays.copyOf(PNG, 8), Arrays.copyOf(JPEG, 3), {'P', 'K', 3, 4}};
        for (int i = 0; i < 500; i++) {
            byte[] prefix = prefixes[random.nextInt(prefixes.length)];
            byte[] body = new byte[random.nextInt(2048)];
            random.nextBytes(body);
            if (random.nextBoolean()) for (int j = 0; j < body.length; j++) body[j] = (byte) (0x20 + (body[j] & 0x3f)); // printable
            byte[] input = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, input, 0, prefix.length);
            System.arraycopy(body, 0, input, prefix.length, body.length);
            Optional<FileKind> first = ContentSniffer.sniff(input);
            assertThat(ContentSniffer.sniff(input.clone())).isEqualTo(first);
            if (prefix.length == 5 && prefix[0] == '%') assertThat(first).contains(FileKind.PDF);
            if (prefix.length == 8) assertThat(first).contains(FileKind.PNG);
        }
    }

    /** Property: a real package with its central directory damaged at random never throws. */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 17, 19, 23})
    void damagedZipsNeverThrow(long seed) {
        Random random = new Random(seed);
        byte[] good = zip("[Content_Types].xml", "ppt/presentation.xml");
        for (int i = 0; i < 1000; i++) {
            byte[] bad = good.clone();
            for (int j = random.nextInt(4) + 1; j > 0; j--) bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            if (random.nextInt(4) == 0) bad = Arrays.copyOf(bad, random.nextInt(bad.length) + 4);
            Optional<FileKind> kind = ContentSniffer.sniff(bad);
            assertThat(kind.isEmpty() || kind.get() == FileKind.PPTX || kind.get() == FileKind.TEXT).isTrue();
        }
    }

    /** Jazzer: no input makes the sniffer throw, and its answer does not change on a second look. */
    @FuzzTest(maxDuration = "10s")
    void fuzzSniff(byte[] input) {
        Optional<FileKind> kind = ContentSniffer.sniff(input);
        assertThat(ContentSniffer.sniff(input)).isEqualTo(kind);
    }
}
