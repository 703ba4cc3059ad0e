package dev.plenum.control.slides;

/** What a room shows: page {@code page} (from 1) of the {@code pages} of file {@code fileId}, named {@code name}. */
public record SlideState(long fileId, String name, int page, int pages) {
    public SlideState {
        if (page < 1 || page > pages) throw new IllegalArgumentException("page " + page + " is not within 1.." + pages);
    }

    public SlideState atPage(int newPage) {
        return new SlideState(fileId, name, newPage, pages);
    }
}
