package dev.plenum.control.slides;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** PDFs made for tests with PDFBox itself: n pages, each saying "Slide i" in large type. */
public final class TestPdfs {
    private TestPdfs() {}

    public static byte[] slides(int pages) {
        return slides(pages, PDRectangle.A4);
    }

    public static byte[] slides(int pages, PDRectangle size) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(new PDRectangle(size.getHeight(), size.getWidth())); // landscape, as slides are
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.setNonStrokingColor(0.1f * i % 1, 0.3f, 0.6f);
                    text.addRect(0, 0, 40 * i, 40);
                    text.fill();
                    text.beginText();
                    text.setFont(font, 48);
                    text.newLineAtOffset(72, page.getMediaBox().getHeight() / 2);
                    text.showText("Slide " + i);
                    text.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
