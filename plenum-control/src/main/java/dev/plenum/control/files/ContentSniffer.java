package dev.plenum.control.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells the {@link FileKind} of a file from its bytes alone (never from its name or claimed type): the signatures of
 * PDF ({@code %PDF-}, ISO 32000-2 §7.5.2), PNG (RFC 2083 §3.1), JPEG (SOI marker then a marker), Office Open XML (a ZIP
 * whose central directory lists {@code [Content_Types].xml} and the {@code word/}, {@code xl/} or {@code ppt/} part,
 * ECMA-376 Part 2), or UTF-8 text without control characters. Anything else is not accepted.
 *
 * <p>Pure and total: any bytes give a kind or empty, never an exception; the ZIP walk reads at most the central
 * directory (no decompression, so a ZIP bomb costs nothing here).
 */
public final class ContentSniffer {
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_ZIP_ENTRIES = 10_000;

    private ContentSniffer() {}

    public static Optional<FileKind> sniff(byte[] b) {
        if (b.length == 0) return Optional.empty();
        if (startsWith(b, PDF)) return Optional.of(FileKind.PDF);
        if (startsWith(b, PNG)) return Optional.of(FileKind.PNG);
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return Optional.of(FileKind.JPEG);
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) return officeDocument(b);
        if (isText(b)) return Optional.of(FileKind.TEXT);
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    /** UTF-8 (an optional byte order mark) with no control characters but tab, line feed, form feed and return. */
    private static boolean isText(byte[] b) {
        for (byte x : b) {
            int c = x & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
            if (c == 0x7f) return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Walks the ZIP central directory (APPNOTE §4.3.12, §4.3.16) for the part names that make an OOXML package. */
    private static Optional<FileKind> officeDocument(byte[] b) {
        int eocd = -1;
        for (int i = b.length - EOCD_SIZE; i >= 0 && i >= b.length - EOCD_SIZE - 0xffff; i--) {
            if (int32(b, i) == EOCD_SIGNATURE) { eocd = i; break; }
        }
        if (eocd < 0) return Optional.empty();
        int entries = int16(b, eocd + 10);
        long offset = int32(b, eocd + 16) & 0xffffffffL;
        boolean contentTypes = false, word = false, sheet = false, slides = false;
        for (int n = 0; n < entries && n < MAX_ZIP_ENTRIES; n++) {
            if (offset < 0 || offset + 46 > b.length) return Optional.empty();
            int at = (int) offset;
            if (int32(b, at) != CENTRAL_SIGNATURE) return Optional.empty();
            int nameLength = int16(b, at + 28), extraLength = int16(b, at + 30), commentLength = int16(b, at + 32);
            if (at + 46 + nameLength > b.length) return Optional.empty();
            String name = new String(b, at + 46, nameLength, StandardCharsets.UTF_8);
            if (name.equals("[Content_Types].xml")) contentTypes = true;
            else if (name.startsWith("word/")) word = true;
            else if (name.startsWith("xl/")) sheet = true;
            else if (name.startsWith("ppt/")) slides = true;
            offset = offset + 46L + nameLength + extraLength + commentLength;
        }
        if (!contentTypes) return Optional.empty();
        // exactly one main part: a package claiming two kinds is not something Plenum labels
        int kinds = (word ? 1 : 0) + (sheet ? 1 : 0) + (slides ? 1 : 0);
        if (kinds != 1) return Optional.empty();
        return Optional.of(word ? FileKind.DOCX : sheet ? FileKind.XLSX : FileKind.PPTX);
    }

    private static int int16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
