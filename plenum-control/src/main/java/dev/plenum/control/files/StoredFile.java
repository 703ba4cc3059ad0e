package dev.plenum.control.files;

import java.time.Instant;

/**
 * A file kept for a room (its bytes are read separately). {@code pages} is the number of rendered pages of a PDF,
 * 0 for other kinds; {@code shared} says whether the host offers it for download to everyone.
 */
public record StoredFile(long id, String room, String name, FileKind kind, long size, String sha256, int pages,
                         String uploadedBy, Instant uploadedAt, boolean shared) {
    /** A PDF whose pages were rendered: it can be shown as slides. */
    public boolean presentable() {
        return kind == FileKind.PDF && pages > 0;
    }
}
