package dev.plenum.control.attendance;

import java.util.List;

/**
 * CSV as RFC 4180 defines it: CRLF after every record, a field quoted when it holds a comma, a double quote, CR or LF,
 * with its quotes doubled. Spreadsheets run a cell that starts with {@code = + - @}, a tab or CR as a formula
 * (OWASP "CSV injection"), so such a cell gets a leading apostrophe, which they show as text.
 */
public final class Csv {
    private Csv() {}

    public static void record(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.append(',');
            out.append(cell(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) return "";
        String text = switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
