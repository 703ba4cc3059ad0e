package dev.plenum.control.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4180 records whose cells cannot run as spreadsheet formulas. */
class CsvTest {
    @Test
    void plainCellsStayAsTheyAre() {
        assertThat(Csv.cell("Zoe")).isEqualTo("Zoe");
        assertThat(Csv.cell("")).isEmpty();
        assertThat(Csv.cell(null)).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(Csv.cell("Smith, Jo")).isEqualTo("\"Smith, Jo\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"})
    void aCellThatASpreadsheetWouldRunIsDefused(String value) {
        String cell = Csv.cell(value);
        assertThat(parse(cell + "\r\n").getFirst()).containsExactly("'" + value);
    }

    /** Seeded random cells survive a round trip through an RFC 4180 reader (defused ones with their apostrophe). */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomRecordsReadBackAsWritten(long seed) {
        Random random = new Random(seed);
        String alphabet = "ab ,\"\r\n=+-@\t'é";
        List<List<String>> records = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < 20; r++) {
            List<String> record = new ArrayList<>();
            for (int c = 0; c < 1 + random.nextInt(5); c++) {
                StringBuilder cell = new StringBuilder();
                for (int i = 0; i < 1 + random.nextInt(8); i++) cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
                record.add(cell.toString());
            }
            records.add(record);
            Csv.record(out, record);
        }
        List<List<String>> read = parse(out.toString());
        assertThat(read).hasSize(records.size());
        for (int r = 0; r < records.size(); r++) {
            List<String> expected = records.get(r).stream().map(v -> "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v).toList();
            assertThat(read.get(r)).isEqualTo(expected);
        }
    }

    /** A strict RFC 4180 reader: records end with CRLF; quoted fields may hold anything, quotes doubled. */
    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    char ch = text.charAt(i++);
                    if (ch == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(ch);
                    }
                }
            } else {
                while (text.charAt(i) != ',' && !text.startsWith("\r\n", i)) {
                    assertThat(text.charAt(i)).as("unquoted field character").isNotIn('"', '\r', '\n');
                    field.append(text.charAt(i++));
                }
            }
            record.add(field.toString());
            field.setLength(0);
            if (text.charAt(i) == ',') {
                i++;
            } else {
                assertThat(text.startsWith("\r\n", i)).isTrue();
                i += 2;
                records.add(record);
                record = new ArrayList<>();
            }
        }
        return records;
    }
}
