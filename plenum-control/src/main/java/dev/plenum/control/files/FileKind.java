package dev.plenum.control.files;

import java.util.Locale;
import java.util.Optional;

/**
 * The types of file a room accepts (an allow-list): what {@link ContentSniffer} recognises in the bytes, with the
 * media type the file is served as and the names browsers may claim for it when uploading.
 */
public enum FileKind {
    PDF("application/pdf"),
    PNG("image/png"),
    JPEG("image/jpeg"),
    TEXT("text/plain; charset=utf-8"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation");

    private final String mediaType;

    FileKind(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The {@code Content-Type} the file is served with. */
    public String mediaType() {
        return mediaType;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FileKind> fromWireName(String name) {
        for (FileKind k : values()) if (k.wireName().equals(name)) return Optional.of(k);
        return Optional.empty();
    }

    /**
     * Whether a {@code Content-Type} a browser sent fits this kind. Browsers send nothing or
     * {@code application/octet-stream} for names they do not know, and any {@code text/*} for text (csv, markdown):
     * those fit; a different known type (a PNG sent as a PDF) does not.
     */
    public boolean accepts(String declared) {
        if (declared == null) return true;
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty() || type.equals("application/octet-stream")) return true;
        if (this == TEXT) return type.startsWith("text/");
        if (this == JPEG && type.equals("image/pjpeg")) return true;
        return type.equals(mediaType.split(";", 2)[0]);
    }
}
