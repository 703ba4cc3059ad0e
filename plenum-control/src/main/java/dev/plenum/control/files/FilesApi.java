package dev.plenum.control.files;

import dev.plenum.control.http.ApiError;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.room.Participant;
import dev.plenum.control.room.Room;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.slides.PdfRejectedException;
import dev.plenum.control.slides.RenderQueue;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A room's files over HTTP, authorised by the participant's join token ({@code Authorization: Bearer <token>}, or
 * {@code ?token=} where a browser cannot set a header: images and download links):
 * <ol>
 *   <li>{@code POST /api/v1/rooms/{room}/files?name=<file name>}, the file's bytes as the body: hosts and presenters
 *       only. The body is read as it streams and refused (413) past {@link FilesConfig#maxUploadBytes}; its type is
 *       sniffed from the bytes (415 when not allowed, or when the declared {@code Content-Type} says otherwise); a PDF
 *       is rendered to pages before anything is kept (422 when it cannot be). Answers 201 with the file.
 *   <li>{@code GET /api/v1/rooms/{room}/files/{id}}: the file as an attachment, for anyone of the room when shared,
 *       for hosts and presenters always; during and after the session (an expired token still names its holder).
 *   <li>{@code GET /api/v1/rooms/{room}/files/{id}/pages/{n}.png}: page n of a PDF, immutable, with an ETag: for
 *       hosts and presenters, and for anyone of the room once the PDF is shown (or shared).
 * </ol>
 * A token names one room: another room's token gets 403, a participant a host removed gets 403.
 *
 * <p>Thread model: a virtual thread per request; rendering waits on the {@link RenderQueue}.
 */
public final class FilesApi implements ApiRoutes {
    static final String BASE = "/api/v1/rooms/{room}/files";
    private static final int MAX_NAME_CHARS = 200;
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";
    private final RoomFiles files;
    private final RenderQueue renderer;
    private final JoinTokenSigner tokens;
    private final RoomDirectory rooms;
    private final FilesConfig config;
    private final Clock clock;

    public FilesApi(RoomFiles files, RenderQueue renderer, JoinTokenSigner tokens, RoomDirectory rooms,
                    FilesConfig config, Clock clock) {
        this.files = files;
        this.renderer = renderer;
        this.tokens = tokens;
        this.rooms = rooms;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(BASE, this::upload);
        routes.get(BASE + "/{id}", this::download);
        routes.get(BASE + "/{id}/pages/{page}", this::page);
    }

    /** Who is asking, in which role now (a host may have promoted or demoted them since the token was issued). */
    private record Caller(String room, String participantId, Role role) {
        boolean presents() {
            return role == Role.HOST || role == Role.PRESENTER;
        }
    }

    private void upload(Context ctx) throws InterruptedException {
        Caller caller = caller(ctx, true);
        if (!caller.presents()) throw ApiException.forbidden("forbidden", "only hosts and presenters may upload files");
        String name = fileName(ctx.queryParam("name"));
        byte[] content = readBody(ctx);
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
        StoredFile stored = files.add(caller.room(), name, kind, content, pages, caller.participantId(), clock.instant());
        ctx.status(201).json(view(stored));
    }

    private void download(Context ctx) {
        Caller caller = caller(ctx, false);
        StoredFile file = files.find(caller.room(), id(ctx)).orElseThrow(() -> ApiException.notFound("file"));
        if (!file.shared() && !caller.presents()) throw ApiException.notFound("file");
        byte[] content = files.content(caller.room(), file.id()).orElseThrow(() -> ApiException.notFound("file"));
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.header("ETag", "\"" + file.sha256() + "\"");
        ctx.header("Content-Disposition", contentDisposition(file.name()));
        // a download is never a page of this origin: no script runs in it even if opened in a tab
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.contentType(file.kind().mediaType()).result(content);
    }

    private void page(Context ctx) {
        Caller caller = caller(ctx, false);
        String raw = ctx.pathParam("page");
        if (raw.endsWith(".png")) raw = raw.substring(0, raw.length() - 4);
        int page;
        try {
            page = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("page");
        }
        StoredFile file = files.find(caller.room(), id(ctx)).orElseThrow(() -> ApiException.notFound("file"));
        // attendees see the pages of what is shown (or shared), not a deck a presenter has only prepared
        if (!caller.presents() && !file.shared()
                && files.slides(caller.room()).filter(s -> s.fileId() == file.id()).isEmpty())
            throw ApiException.notFound("file");
        if (page < 1 || page > file.pages()) throw ApiException.notFound("page");
        String etag = "\"" + file.sha256().substring(0, 32) + "-" + page + "\"";
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        byte[] png = files.page(caller.room(), file.id(), page).orElseThrow(() -> ApiException.notFound("page"));
        ctx.contentType("image/png").result(png);
    }

    /**
     * The caller's claims, checked against the room in the path. An upload needs a token still valid or its holder
     * in the room now; reading needs only an authentic token of this room whose holder was not removed.
     */
    private Caller caller(Context ctx, boolean uploading) {
        RoomName room = RoomName.parse(ctx.pathParam("room")).orElseThrow(() -> ApiException.notFound("room"));
        String header = ctx.header("Authorization");
        String raw = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : ctx.queryParam("token");
        JoinToken token = tokens.authentic(raw).orElseThrow(() -> ApiException.unauthorized("a valid join token is required"));
        if (!token.room().equals(room.value())) throw ApiException.forbidden("forbidden", "this token is for another room");
        Optional<Room> live = rooms.find(room);
        if (live.isPresent() && live.get().refusalFor(token.participantId(), null).filter(b -> b == Room.Barred.REMOVED).isPresent())
            throw ApiException.forbidden("forbidden", "a host removed you from this meeting");
        Optional<Participant> present = live.flatMap(r -> r.participant(token.participantId()));
        if (uploading && present.isEmpty() && !clock.instant().isBefore(token.expiresAt()))
            throw ApiException.unauthorized("the join token has expired; join again");
        return new Caller(room.value(), token.participantId(), present.map(Participant::role).orElse(token.role()));
    }

    private static long id(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // not a number: no such file
        }
        throw ApiException.notFound("file");
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
    private byte[] readBody(Context ctx) {
        long max = config.maxUploadBytes();
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

    /** RFC 6266: an ASCII fallback name, and the real one as UTF-8 (RFC 8187). */
    static String contentDisposition(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** A file as the API and signaling describe it. */
    public static Map<String, Object> view(StoredFile f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", f.id());
        v.put("name", f.name());
        v.put("type", f.kind().wireName());
        v.put("mediaType", f.kind().mediaType().split(";")[0]);
        v.put("size", f.size());
        v.put("pages", f.pages());
        return v;
    }
}
