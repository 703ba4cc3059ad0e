package dev.plenum.control.files;

import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.room.Participant;
import dev.plenum.control.room.Room;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.slides.RenderQueue;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
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
 *   <li>{@code GET /api/v1/rooms/{room}/files}: the room's files, oldest first, each with {@code shared}: every file for
 *       hosts and presenters (those organisers added to the conference's file library too), the shared ones for others.
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
        routes.get(BASE, this::list);
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
        Upload upload = Upload.read(ctx, config.maxUploadBytes(), renderer);
        StoredFile stored = files.add(caller.room(), upload.name(), upload.kind(), upload.content(), upload.pages(),
                caller.participantId(), clock.instant());
        ctx.status(201).json(view(stored));
    }

    /** Hosts and presenters: every file of the room (those organisers added before included); others: the shared ones. */
    private void list(Context ctx) {
        Caller caller = caller(ctx, false);
        var shown = caller.presents() ? files.all(caller.room()) : files.shared(caller.room());
        ctx.json(Map.of("data", shown.stream().map(FilesApi::listed).toList()));
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

    /** A file in the REST API's lists: as {@link #view}, and whether the room offers it for download. */
    static Map<String, Object> listed(StoredFile f) {
        Map<String, Object> v = view(f);
        v.put("shared", f.shared());
        return v;
    }
}
