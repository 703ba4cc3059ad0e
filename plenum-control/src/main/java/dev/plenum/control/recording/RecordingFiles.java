package dev.plenum.control.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The directory recordings are written to (the node's data directory, {@code --recordings-dir}). Files are named by a
 * random storage key only, never by anything a user wrote, and a key read back from the database is checked against
 * the same shape before it names a path, so nothing outside the directory is ever opened or deleted.
 */
public final class RecordingFiles {
    private static final Pattern KEY = Pattern.compile("rec-[0-9a-f]{32}\\.webm");
    private final Path directory;
    private final SecureRandom random = new SecureRandom();

    public RecordingFiles(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory).toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /** A fresh storage key, e.g. {@code rec-0123…cdef.webm}. */
    public String newKey() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return "rec-" + HexFormat.of().formatHex(b) + ".webm";
    }

    /** The file of a storage key; an unexpected key is refused. */
    public Path path(String key) {
        if (!KEY.matcher(key).matches()) throw new IllegalArgumentException("not a recording's storage key");
        return directory.resolve(key);
    }

    /** The storage key of a file in this directory. */
    public String key(Path file) {
        return file.getFileName().toString();
    }

    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }
}
