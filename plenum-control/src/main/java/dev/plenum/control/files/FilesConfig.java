package dev.plenum.control.files;

import java.time.Duration;

/**
 * Limits on the files presenters upload and on the rendering of PDF pages: one typed object, defaults in
 * {@link #defaults()}, validated when built.
 *
 * @param maxUploadBytes  largest file accepted; a larger body is refused with 413 without being read further
 * @param maxPages        most pages a PDF may have to be shown as slides
 * @param pageWidth       width in pixels each page is rendered at (the height follows the page's shape)
 * @param maxPagePixels   most pixels one rendered page may have (a very tall page is rendered narrower)
 * @param renderTimeout   longest a whole PDF may take to render; beyond it the upload is refused and nothing is kept
 * @param renderThreads   PDFs rendered at once on this node; uploads beyond that (and a short queue) get 503
 */
public record FilesConfig(long maxUploadBytes, int maxPages, int pageWidth, long maxPagePixels,
                          Duration renderTimeout, int renderThreads) {
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024;

    public FilesConfig {
        if (maxUploadBytes < 1 || maxUploadBytes > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("maxUploadBytes must be 1.." + (Integer.MAX_VALUE - 8));
        if (maxPages < 1) throw new IllegalArgumentException("maxPages must be >= 1");
        if (pageWidth < 16 || pageWidth > 8192) throw new IllegalArgumentException("pageWidth must be 16..8192");
        if (maxPagePixels < (long) pageWidth * 16) throw new IllegalArgumentException("maxPagePixels is too small");
        if (renderTimeout.isNegative() || renderTimeout.isZero()) throw new IllegalArgumentException("renderTimeout must be positive");
        if (renderThreads < 1) throw new IllegalArgumentException("renderThreads must be >= 1");
    }

    /** 50 MiB, 300 pages 1280 pixels wide (at most 1280 × 2560), a minute to render, two PDFs at once. */
    public static FilesConfig defaults() {
        return new FilesConfig(DEFAULT_MAX_UPLOAD_BYTES, 300, 1280, 1280L * 2560, Duration.ofSeconds(60), 2);
    }

    public FilesConfig withMaxUploadBytes(long max) {
        return new FilesConfig(max, maxPages, pageWidth, maxPagePixels, renderTimeout, renderThreads);
    }

    public FilesConfig withMaxPages(int max) {
        return new FilesConfig(maxUploadBytes, max, pageWidth, maxPagePixels, renderTimeout, renderThreads);
    }

    public FilesConfig withRenderTimeout(Duration timeout) {
        return new FilesConfig(maxUploadBytes, maxPages, pageWidth, maxPagePixels, timeout, renderThreads);
    }
}
