package dev.plenum.control.slides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

/** A PDF becomes one PNG per page at a fixed width, within page, pixel and time limits; anything else is refused. */
class PdfPageRendererTest {
    private final PdfPageRenderer renderer = new PdfPageRenderer(300, 1280, 1280L * 2560);

    private static BufferedImage image(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void everyPageBecomesAPngAtTheFixedWidthInOrder() throws Exception {
        List<byte[]> pages = renderer.render(TestPdfs.slides(3));
        assertThat(pages).hasSize(3);
        for (byte[] png : pages) {
            BufferedImage image = image(png);
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isBetween(900, 910); // A4 landscape: 1280 × 1280/√2
        }
        assertThat(Arrays.equals(pages.get(0), pages.get(1))).as("pages differ").isFalse();
    }

    @Test
    void aVeryTallPageIsRenderedWithinThePixelBudget() throws Exception {
        byte[] pdf = TestPdfs.slides(1, new PDRectangle(20_000, 600)); // landscape of this: 600 wide, 20000 tall
        BufferedImage image = image(renderer.render(pdf).getFirst());
        assertThat((long) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(1280L * 2560 + 1280);
        assertThat(image.getWidth()).isLessThan(1280);
    }

    @Test
    void moreThanThePageLimitIsRefused() {
        PdfPageRenderer small = new PdfPageRenderer(2, 1280, 1280L * 2560);
        assertThatThrownBy(() -> small.render(TestPdfs.slides(3)))
                .isInstanceOfSatisfying(PdfRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PdfRejectedException.Reason.PAGE_COUNT))
                .hasMessageContaining("1 to 2 pages");
    }

    @Test
    void bytesThatAreNotAReadablePdfAreRefused() {
        for (byte[] bad : List.of("%PDF-1.7\nthis is no PDF at all".getBytes(StandardCharsets.US_ASCII), new byte[0],
                Arrays.copyOf(TestPdfs.slides(2), 300))) {
            assertThatThrownBy(() -> renderer.render(bad))
                    .isInstanceOfSatisfying(PdfRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(PdfRejectedException.Reason.UNREADABLE));
        }
    }

    @Test
    void aPdfThatTakesTooLongIsStoppedAndRefused() throws Exception {
        byte[] big = TestPdfs.slides(200);
        try (RenderQueue queue = new RenderQueue(renderer, Duration.ofMillis(50), 1)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> queue.render(big))
                    .isInstanceOfSatisfying(PdfRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(PdfRejectedException.Reason.TOO_SLOW));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            // the thread was given back: the next PDF renders
            try (RenderQueue roomy = new RenderQueue(renderer, Duration.ofSeconds(30), 1)) {
                assertThat(roomy.render(TestPdfs.slides(2))).hasSize(2);
            }
        }
    }

    @Test
    void theQueueRendersWithinItsTime() throws Exception {
        try (RenderQueue queue = new RenderQueue(renderer, Duration.ofSeconds(30), 2)) {
            assertThat(queue.render(TestPdfs.slides(3))).hasSize(3);
        }
    }

    /**
     * Property: a damaged PDF (bytes changed, cut or repeated at random) either renders within the page limit or is
     * refused with {@link PdfRejectedException}; nothing else escapes, and nothing runs past the time limit.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {3, 1, 4, 15, 92, 65})
    void aDamagedPdfRendersOrIsRefusedAndNothingElse(long seed) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        byte[] good = TestPdfs.slides(2);
        try (RenderQueue queue = new RenderQueue(new PdfPageRenderer(5, 320, 320L * 640), Duration.ofSeconds(30), 1)) {
            for (int i = 0; i < 10; i++) {
                byte[] bad = good.clone();
                switch (random.nextInt(3)) {
                    case 0 -> { for (int j = random.nextInt(20) + 1; j > 0; j--) bad[random.nextInt(bad.length)] = (byte) random.nextInt(256); }
                    case 1 -> bad = Arrays.copyOf(bad, random.nextInt(bad.length));
                    default -> {
                        int from = random.nextInt(bad.length), length = random.nextInt(Math.min(512, bad.length - from));
                        byte[] longer = Arrays.copyOf(bad, bad.length + length);
                        System.arraycopy(bad, from, longer, bad.length, length);
                        bad = longer;
                    }
                }
                try {
                    assertThat(queue.render(bad)).hasSizeBetween(1, 5);
                } catch (PdfRejectedException expected) {
                    assertThat(expected.reason()).isNotEqualTo(PdfRejectedException.Reason.BUSY);
                }
            }
        }
    }
}
