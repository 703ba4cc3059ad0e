package dev.plenum.control.files;

import dev.plenum.control.http.ApiError;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.slides.PdfRejectedException;
import dev.plenum.control.slides.RenderQueue;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An uploaded file as it may be kept: its name from {@code ?name=}, its type sniffed from the bytes, and for a PDF its
 * rendered pages. The room's file API and the organisers' file library both read uploads this way, so both refuse the
 * same things: over the size limit 413 (as soon as it is passed, never buffered beyond it), a type not accepted or
 * not the declared {@code Content-Type} 415, a PDF that cannot be rendered 422, too many renderings at once 503.
 */
record Upload(String name, FileKind kind, byte[] content, List<byte[]> pages) {
    private static final int MAX_NAME_CHARS = 200;

    static Upload read(Context ctx, long maxBytes, RenderQueue renderer) throws InterruptedException {
        String name = fileName(ctx.queryParam("name"));
        byte[] content = readBody(ctx, maxBytes);
        FileKind kind = ContentSniffer.sniff(content).orElseThrow(() -> unsupported("body",
                "this type of file is not accepted: PDF, PNG, JPEG, plain text, Word, Excel and PowerPoint (OOXML) are"));
        if (!kind.accepts(ctx.header("Content-Type")))
            throw unsupported("Content-Type", "the file's content is " + kind.mediaType().split(";")[0]
                    + ", not what Content-Type says");
        List<byte[]> pages = List.of();
        if (kind == FileKind.PDF) {
            try {
                pages = renderer.render(content);
            } catch (PdfRejectedException e) {
                if (e.reason() == PdfRejectedException.Reason.BUSY) throw new ApiException(503, ApiError.of("busy", e.getMessage()));
                throw new ApiException(422, new ApiError("unusable-pdf", e.getMessage(),
                        List.of(new ApiError.FieldError("body", e.getMessage()))));
            }
        }
        return new Upload(name, kind, content, pages);
    }

    /** The name to offer the file under: its last path segment, printable, at most {@value #MAX_NAME_CHARS} characters. */
    static String fileName(String raw) {
        if (raw == null || raw.isBlank()) throw ApiException.unprocessable("name", "name (the file's name) is required");
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || name.equals(".") || name.equals(".."))
            throw ApiException.unprocessable("name", "name must be 1 to " + MAX_NAME_CHARS + " printable characters");
        return name;
    }

    /** The body, read as it streams: refused (413) as soon as it is longer than allowed, never buffered beyond that. */
    private static byte[] readBody(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) throw tooLarge(max);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : 64 * 1024, max));
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                total += n;
                if (total > max) throw tooLarge(max);
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (total == 0) throw ApiException.unprocessable("body", "the file is empty");
        return out.toByteArray();
    }

    private static ApiException tooLarge(long max) {
        String message = "the file is larger than " + max + " bytes";
        return new ApiException(413, new ApiError("too-large", message, List.of(new ApiError.FieldError("body", message))));
    }

    private static ApiException unsupported(String field, String message) {
        return new ApiException(415, new ApiError("unsupported-type", message, List.of(new ApiError.FieldError(field, message))));
    }
}
