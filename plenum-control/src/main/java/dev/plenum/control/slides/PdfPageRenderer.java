package dev.plenum.control.slides;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders every page of a PDF to PNG with Apache PDFBox, once, when the PDF is uploaded: each page at a fixed width
 * ({@code pageWidth} pixels, the height following the page's crop box and rotation), fewer pixels when a page would
 * exceed {@code maxPagePixels}. Refuses a PDF with no pages or more than {@code maxPages}.
 *
 * <p>Thread model: synchronous, on the caller's thread; it checks for interruption between pages, so
 * {@link RenderQueue} can stop a PDF that takes too long.
 */
public final class PdfPageRenderer {
    private final int maxPages;
    private final int pageWidth;
    private final long maxPagePixels;

    public PdfPageRenderer(int maxPages, int pageWidth, long maxPagePixels) {
        this.maxPages = maxPages;
        this.pageWidth = pageWidth;
        this.maxPagePixels = maxPagePixels;
    }

    /** The pages as PNG images, page 1 first. */
    public List<byte[]> render(byte[] pdf) throws PdfRejectedException, InterruptedException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int count = document.getNumberOfPages();
            if (count < 1 || count > maxPages)
                throw new PdfRejectedException(PdfRejectedException.Reason.PAGE_COUNT,
                        "a PDF shown as slides must have 1 to " + maxPages + " pages; this one has " + count);
            PDFRenderer renderer = new PDFRenderer(document);
            renderer.setSubsamplingAllowed(true); // a huge embedded image is read at the size it is shown, not in full
            List<byte[]> pages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (Thread.interrupted()) throw new InterruptedException("rendering stopped");
                pages.add(png(renderer.renderImage(i, scale(document.getPage(i)), ImageType.RGB)));
            }
            return pages;
        } catch (IOException | RuntimeException e) {
            // PDFBox reports damaged input as IOException (InvalidPasswordException for a locked file) or, for some
            // malformed structures, as runtime exceptions: either way the file cannot be shown.
            throw new PdfRejectedException(PdfRejectedException.Reason.UNREADABLE,
                    "the PDF cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** Pixels per PDF point: the fixed width, unless that would make the page larger than the pixel budget. */
    private float scale(PDPage page) throws PdfRejectedException {
        PDRectangle box = page.getCropBox();
        float width = box.getWidth(), height = box.getHeight();
        if (page.getRotation() % 180 != 0) { float w = width; width = height; height = w; }
        if (!(width >= 1 && height >= 1) || width > 200_000 || height > 200_000)
            throw new PdfRejectedException(PdfRejectedException.Reason.UNREADABLE, "a page has no usable size");
        float scale = pageWidth / width;
        double pixels = (double) width * scale * height * scale;
        if (pixels > maxPagePixels) scale = (float) Math.sqrt(maxPagePixels / ((double) width * height));
        return scale;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
