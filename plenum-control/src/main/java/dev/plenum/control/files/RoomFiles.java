package dev.plenum.control.files;

import dev.plenum.control.slides.SlideState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The files of each room, their rendered pages, and what each room presents now. Kept in the database
 * ({@link SqlRoomFiles}) so they outlive the room and the node; {@link #none()} when a node keeps no files.
 */
public interface RoomFiles {
    /** Keeps a file and, for a PDF, its rendered pages (PNG, page 1 first), all or nothing. */
    StoredFile add(String room, String name, FileKind kind, byte[] content, List<byte[]> pages, String uploadedBy, Instant at);

    Optional<StoredFile> find(String room, long id);

    Optional<byte[]> content(String room, long id);

    /** A rendered page, numbered from 1. */
    Optional<byte[]> page(String room, long id, int page);

    /** Every file of the room, shared or not, oldest first (the organisers' file library). */
    List<StoredFile> all(String room);

    /** Removes a file and its pages; false when the room has no such file. */
    boolean delete(String room, long id);

    /** The files the room offers for download, oldest first. */
    List<StoredFile> shared(String room);

    /** Offers a file for download, or stops doing so; false when the room has no such file. */
    boolean setShared(String room, long id, boolean shared);

    /** What the room shows now, if anything. */
    Optional<SlideState> slides(String room);

    /** Shows a page of a file, or nothing ({@code null}). */
    void setSlides(String room, SlideState state);

    /** A node that keeps no files: nothing is found, nothing can be added. */
    static RoomFiles none() {
        return new RoomFiles() {
            @Override public StoredFile add(String room, String name, FileKind kind, byte[] content, List<byte[]> pages,
                                            String uploadedBy, Instant at) {
                throw new UnsupportedOperationException("this node keeps no files");
            }
            @Override public Optional<StoredFile> find(String room, long id) { return Optional.empty(); }
            @Override public Optional<byte[]> content(String room, long id) { return Optional.empty(); }
            @Override public Optional<byte[]> page(String room, long id, int page) { return Optional.empty(); }
            @Override public List<StoredFile> all(String room) { return List.of(); }
            @Override public boolean delete(String room, long id) { return false; }
            @Override public List<StoredFile> shared(String room) { return List.of(); }
            @Override public boolean setShared(String room, long id, boolean shared) { return false; }
            @Override public Optional<SlideState> slides(String room) { return Optional.empty(); }
            @Override public void setSlides(String room, SlideState state) {}
        };
    }
}
