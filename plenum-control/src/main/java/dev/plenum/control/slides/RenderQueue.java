package dev.plenum.control.slides;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders uploaded PDFs on a few dedicated threads with a time limit, so a hostile PDF can neither hang a request nor
 * take every thread: at most {@code threads} PDFs render at once, as many more wait, and beyond that an upload is
 * refused ({@link PdfRejectedException.Reason#BUSY}). A PDF over its time is interrupted (the renderer stops at the
 * next page) and refused.
 *
 * <p>Thread model: {@link #render} is called from request threads (virtual threads) and blocks until the pages are
 * ready, refused, or the time is up.
 */
public final class RenderQueue implements AutoCloseable {
    private final PdfPageRenderer renderer;
    private final Duration timeout;
    private final ThreadPoolExecutor executor;

    public RenderQueue(PdfPageRenderer renderer, Duration timeout, int threads) {
        this.renderer = renderer;
        this.timeout = timeout;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads),
                Thread.ofPlatform().name("plenum-pdf-", 0).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
    }

    public List<byte[]> render(byte[] pdf) throws PdfRejectedException, InterruptedException {
        Future<List<byte[]>> pages;
        try {
            pages = executor.submit(() -> renderer.render(pdf));
        } catch (RejectedExecutionException e) {
            throw new PdfRejectedException(PdfRejectedException.Reason.BUSY, "too many PDFs are being prepared; try again shortly");
        }
        try {
            return pages.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pages.cancel(true);
            throw new PdfRejectedException(PdfRejectedException.Reason.TOO_SLOW,
                    "the PDF took longer than " + timeout.toSeconds() + " s to prepare");
        } catch (InterruptedException e) {
            pages.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PdfRejectedException rejected) throw rejected;
            throw new PdfRejectedException(PdfRejectedException.Reason.UNREADABLE, "the PDF cannot be read");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
