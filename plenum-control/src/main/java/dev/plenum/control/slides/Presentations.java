package dev.plenum.control.slides;

import dev.plenum.control.files.RoomFiles;
import dev.plenum.control.files.StoredFile;
import dev.plenum.control.room.RoomEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What each room presents and offers for download, kept in {@link RoomFiles} (so a room re-created on another node
 * shows the same page) and told to the room as a {@link RoomEvent}. Rights are checked by the caller (hosts and
 * presenters); this class checks that the file and the page exist.
 *
 * <p>Thread model: called from signaling threads. A change and the telling of it happen under one lock, so two
 * presenters turning pages at once are told to everyone in the order they were kept (sending only queues frames).
 */
public final class Presentations {
    private final RoomFiles files;

    public Presentations(RoomFiles files) {
        this.files = files;
    }

    /** Why a change was refused: an error code and the field at fault, as signaling reports them. */
    public record Refusal(String code, String field, String message) {}

    public Optional<SlideState> current(String room) {
        return files.slides(room);
    }

    public List<StoredFile> shared(String room) {
        return files.shared(room);
    }

    /** Shows a PDF of the room from its first page. */
    public synchronized Optional<Refusal> present(String room, long fileId, Consumer<RoomEvent> everyone) {
        Optional<StoredFile> file = files.find(room, fileId);
        if (file.isEmpty()) return refuse("not-found", "fileId", "no such file in this room");
        if (!file.get().presentable()) return refuse("invalid-field", "fileId", "only a PDF can be shown as slides");
        SlideState state = new SlideState(fileId, file.get().name(), 1, file.get().pages());
        files.setSlides(room, state);
        everyone.accept(new RoomEvent.SlidesChanged(state));
        return Optional.empty();
    }

    /** Turns to a page (from 1) of what the room shows now. */
    public synchronized Optional<Refusal> turn(String room, int page, Consumer<RoomEvent> everyone) {
        Optional<SlideState> now = files.slides(room);
        if (now.isEmpty()) return refuse("not-presenting", "type", "nothing is being presented");
        if (page < 1 || page > now.get().pages()) return refuse("invalid-field", "page", "page must be 1 to " + now.get().pages());
        SlideState state = now.get().atPage(page);
        files.setSlides(room, state);
        everyone.accept(new RoomEvent.SlidesChanged(state));
        return Optional.empty();
    }

    public synchronized Optional<Refusal> stop(String room, Consumer<RoomEvent> everyone) {
        files.setSlides(room, null);
        everyone.accept(new RoomEvent.SlidesChanged(null));
        return Optional.empty();
    }

    /** Offers a file for download to everyone in the room, or stops doing so. */
    public synchronized Optional<Refusal> share(String room, long fileId, boolean shared, Consumer<RoomEvent> everyone) {
        if (!files.setShared(room, fileId, shared)) return refuse("not-found", "fileId", "no such file in this room");
        everyone.accept(new RoomEvent.FilesShared(files.shared(room)));
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String code, String field, String message) {
        return Optional.of(new Refusal(code, field, message));
    }
}
