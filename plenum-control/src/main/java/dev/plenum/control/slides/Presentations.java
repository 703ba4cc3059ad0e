package dev.plenum.control.slides;

import dev.plenum.control.files.RoomFiles;
import dev.plenum.control.files.StoredFile;
import dev.plenum.control.room.RoomEvent;
import java.util.List;
import java.util.Optional;

/**
 * What each room presents and offers for download, kept in {@link RoomFiles} (so a room re-created on another node
 * shows the same page) and told to the room as a {@link RoomEvent}. Rights are checked by the caller (hosts and
 * presenters); this class checks that the file and the page exist.
 *
 * <p>Thread model: called from signaling threads; changes are serialised so every page sees them in one order.
 */
public final class Presentations {
    private final RoomFiles files;

    public Presentations(RoomFiles files) {
        this.files = files;
    }

    /** The result of a change: the event to tell everyone, or why it was refused (an error code and the field). */
    public sealed interface Outcome {
        record Changed(RoomEvent event) implements Outcome {}
        record Refused(String code, String field, String message) implements Outcome {}
    }

    public Optional<SlideState> current(String room) {
        return files.slides(room);
    }

    public List<StoredFile> shared(String room) {
        return files.shared(room);
    }

    /** Shows a PDF of the room from its first page. */
    public synchronized Outcome present(String room, long fileId) {
        Optional<StoredFile> file = files.find(room, fileId);
        if (file.isEmpty()) return new Outcome.Refused("not-found", "fileId", "no such file in this room");
        if (!file.get().presentable()) return new Outcome.Refused("invalid-field", "fileId", "only a PDF can be shown as slides");
        SlideState state = new SlideState(fileId, file.get().name(), 1, file.get().pages());
        files.setSlides(room, state);
        return new Outcome.Changed(new RoomEvent.SlidesChanged(state));
    }

    /** Turns to a page (from 1) of what the room shows now. */
    public synchronized Outcome turn(String room, int page) {
        Optional<SlideState> now = files.slides(room);
        if (now.isEmpty()) return new Outcome.Refused("not-presenting", "type", "nothing is being presented");
        if (page < 1 || page > now.get().pages())
            return new Outcome.Refused("invalid-field", "page", "page must be 1 to " + now.get().pages());
        SlideState state = now.get().atPage(page);
        files.setSlides(room, state);
        return new Outcome.Changed(new RoomEvent.SlidesChanged(state));
    }

    public synchronized Outcome stop(String room) {
        files.setSlides(room, null);
        return new Outcome.Changed(new RoomEvent.SlidesChanged(null));
    }

    /** Offers a file for download to everyone in the room, or stops doing so. */
    public synchronized Outcome share(String room, long fileId, boolean shared) {
        if (!files.setShared(room, fileId, shared)) return new Outcome.Refused("not-found", "fileId", "no such file in this room");
        return new Outcome.Changed(new RoomEvent.FilesShared(files.shared(room)));
    }
}
