package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/**
 * A presenter uploads a PDF through the page (its progress shown), everyone sees its first page, the presenter turns
 * to the next and the others follow within 500 ms; a shared handout downloads for the others.
 */
class SlidesTest extends BrowserTest {
    static byte[] threePagePdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= 3; i++) {
                PDPage page = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 60);
                    s.newLineAtOffset(80, 280);
                    s.showText("Slide " + i);
                    s.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void openFiles(Page page) {
        page.locator("#toggle-files").click();
        assertThat(page.locator("#files-panel")).isVisible();
    }

    @Test
    void thePresenterTurnsPagesAndTheOthersFollowWithinHalfASecond() throws Exception {
        Page ann = harness.join("slides", "Ann"); // everyone is a host in an ad-hoc room
        Page bob = harness.join("slides", "Bob");

        openFiles(ann);
        ann.getByLabel("Present a PDF").setInputFiles(new FilePayload("Roadmap.pdf", "application/pdf", threePagePdf()));
        assertThat(ann.locator("#upload-status")).hasText("Roadmap.pdf uploaded");
        assertThat(ann.getByLabel("Upload progress")).hasAttribute("value", "100");

        Locator bobSlide = bob.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Slide 1 of 3"));
        assertThat(bobSlide).isVisible();
        assertThat(bob.locator("#slide-image[data-loaded-page='1']")).hasCount(1);
        assertThat(bob.locator("#slides-caption")).hasText("Roadmap.pdf: slide 1 of 3");
        org.assertj.core.api.Assertions.assertThat(
                (Number) bob.evaluate("document.getElementById('slide-image').naturalWidth")).isEqualTo(1280);
        assertThat(button(ann, "Previous slide")).isDisabled();

        // Keyboard: Next is a button reached by Tab and pressed with Enter.
        button(ann, "Next slide").focus();
        ann.keyboard().press("Enter");
        assertThat(bob.locator("#slide-image[data-loaded-page='2']")).hasCount(1);
        assertThat(bob.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Slide 2 of 3"))).isVisible();
        long turnedAt = ((Number) ann.evaluate("window.plenumSlideTurnAt")).longValue();
        long shownAt = ((Number) bob.evaluate("window.plenumSlideLoadedAt")).longValue();
        System.out.println("page turn: shown on the other page " + (shownAt - turnedAt) + " ms after the presenter pressed Next");
        org.assertj.core.api.Assertions.assertThat(shownAt - turnedAt).as("ms from Next to the other page's image").isBetween(0L, 500L);

        // And with the mouse, once more, to the last page.
        button(ann, "Next slide").click();
        assertThat(bob.locator("#slide-image[data-loaded-page='3']")).hasCount(1);
        long turnedAgain = ((Number) ann.evaluate("window.plenumSlideTurnAt")).longValue();
        long shownAgain = ((Number) bob.evaluate("window.plenumSlideLoadedAt")).longValue();
        org.assertj.core.api.Assertions.assertThat(shownAgain - turnedAgain).isBetween(0L, 500L);
        assertThat(button(ann, "Next slide")).isDisabled();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(bob)).isEmpty();

        // A newcomer sees the page shown now.
        Page cid = harness.join("slides", "Cid");
        assertThat(cid.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Slide 3 of 3"))).isVisible();
        cid.close();

        // A handout: shared by Ann, listed for Bob, downloaded with its name and bytes.
        ann.getByLabel("Share a file for download").setInputFiles(new FilePayload("Reading list.txt", "text/plain",
                "1. The SFU paper\n2. RFC 8829\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(ann.locator("#upload-status")).hasText("Reading list.txt uploaded");
        openFiles(bob);
        Locator link = bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reading list.txt"));
        assertThat(link).isVisible();
        Download download = bob.waitForDownload(link::click);
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("Reading list.txt");
        org.assertj.core.api.Assertions.assertThat(Files.readString(download.path())).isEqualTo("1. The SFU paper\n2. RFC 8829\n");
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(bob)).isEmpty();

        button(ann, "Stop presenting").click();
        assertThat(bob.locator("#slides-stage")).isHidden();
    }
}
