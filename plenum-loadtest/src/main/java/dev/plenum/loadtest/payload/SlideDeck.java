package dev.plenum.loadtest.payload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, valid PDF (ISO 32000-1: catalogue, page tree, blank 16:9 pages, cross-reference table) for the load
 * tester's presenter to upload, so page turns can be timed like chat messages and polls.
 */
public final class SlideDeck {
    private SlideDeck() {}

    public static byte[] blankPages(int pages) {
        if (pages < 1 || pages > 100) throw new IllegalArgumentException("pages must be 1..100");
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages; i++) kids.append(i == 0 ? "" : " ").append(3 + i).append(" 0 R");
        objects.add("<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>");
        for (int i = 0; i < pages; i++) objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 320 180] >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length()); // ASCII only, so characters are bytes
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) pdf.append(String.format("%010d 00000 n \n", offset));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
