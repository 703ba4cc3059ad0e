package dev.plenum.media.session;

/**
 * The size a subscriber's page shows one of the others' videos at (docs/signaling.md {@code tileSizes}): a
 * publisher's camera, or with {@code screen} its shared screen, in device pixels; 0×0 when it cannot be seen.
 */
public record VideoTile(String publisherId, boolean screen, int width, int height) {
    public boolean shown() {
        return width > 0 && height > 0;
    }

    public int area() {
        return shown() ? width * height : 0;
    }
}
