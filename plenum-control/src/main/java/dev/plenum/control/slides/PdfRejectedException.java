package dev.plenum.control.slides;

/** A PDF that cannot be shown as slides, and why; nothing of it is kept. */
public final class PdfRejectedException extends Exception {
    public enum Reason {
        /** Not a PDF PDFBox can read (damaged, or locked with a password), or a page with no size. */
        UNREADABLE,
        /** More pages than the configured limit, or none. */
        PAGE_COUNT,
        /** Rendering took longer than the configured limit. */
        TOO_SLOW,
        /** Every render thread and queue slot is taken; try again shortly. */
        BUSY
    }

    private final Reason reason;

    public PdfRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
