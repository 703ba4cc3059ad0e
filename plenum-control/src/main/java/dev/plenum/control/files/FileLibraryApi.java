package dev.plenum.control.files;

import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.http.ApiError;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.Principal;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomEvent;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.slides.RenderQueue;
import dev.plenum.control.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A conference's file library, for its organisation's members (session cookie and CSRF token) and API keys: the files
 * of the conference's room, prepared before the event and kept after it.
 * <ul>
 *   <li>{@code GET /api/v1/conferences/{id}/file-library}: every file of the room, oldest first, with {@code shared}
 *       and {@code uploadedAt};
 *   <li>{@code POST /api/v1/conferences/{id}/file-library?name=<file name>}, the bytes as the body: checked as a room
 *       upload is ({@link Upload}), 201 with the file; hosts then present or share it in the room;
 *   <li>{@code GET /api/v1/conferences/{id}/file-library/{fileId}}: the file, as an attachment;
 *   <li>{@code DELETE /api/v1/conferences/{id}/file-library/{fileId}}: 204; 409 while the room shows it as slides.
 *       A live room that offered it for download is told its new list.
 * </ul>
 * Another organisation's conference, or a file of another room, answers 404 as a missing one does.
 */
public final class FileLibraryApi implements ApiRoutes {
    static final String BASE = "/api/v1/conferences/{id}/file-library";
    private final Jdbi jdbi;
    private final Conferences conferences;
    private final Authenticator auth;
    private final RoomFiles files;
    private final RenderQueue renderer;
    private final FilesConfig config;
    private final RoomDirectory rooms;
    private final Clock clock;

    public FileLibraryApi(Database db, Conferences conferences, Authenticator auth, RoomFiles files, RenderQueue renderer,
                          FilesConfig config, RoomDirectory rooms, Clock clock) {
        this.jdbi = db.jdbi();
        this.conferences = conferences;
        this.auth = auth;
        this.files = files;
        this.renderer = renderer;
        this.config = config;
        this.rooms = rooms;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(BASE, this::list);
        routes.post(BASE, this::upload);
        routes.get(BASE + "/{fileId}", this::download);
        routes.delete(BASE + "/{fileId}", this::delete);
    }

    private void list(Context ctx) {
        String room = room(ctx);
        ctx.json(Map.of("data", files.all(room).stream().map(FileLibraryApi::json).toList()));
    }

    private void upload(Context ctx) throws InterruptedException {
        Principal principal = auth.require(ctx);
        String room = room(ctx, principal);
        Upload upload = Upload.read(ctx, config.maxUploadBytes(), renderer);
        String by = principal.memberId() == null ? "api-key" : "member:" + principal.memberId();
        StoredFile stored = files.add(room, upload.name(), upload.kind(), upload.content(), upload.pages(), by, clock.instant());
        ctx.status(201).json(json(stored));
    }

    private void download(Context ctx) {
        String room = room(ctx);
        long id = AccountsApi.pathId(ctx, "fileId", "file");
        StoredFile file = files.find(room, id).orElseThrow(() -> ApiException.notFound("file"));
        byte[] content = files.content(room, id).orElseThrow(() -> ApiException.notFound("file"));
        ctx.header("Content-Disposition", FilesApi.contentDisposition(file.name()));
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.contentType(file.kind().mediaType()).result(content);
    }

    private void delete(Context ctx) {
        String room = room(ctx);
        long id = AccountsApi.pathId(ctx, "fileId", "file");
        StoredFile file = files.find(room, id).orElseThrow(() -> ApiException.notFound("file"));
        if (files.slides(room).filter(s -> s.fileId() == id).isPresent()) {
            throw new ApiException(409, ApiError.of("in-use",
                    "the room is showing this file as slides now; stop presenting it first"));
        }
        if (!files.delete(room, id)) throw ApiException.notFound("file");
        if (file.shared()) {
            rooms.find(new RoomName(room)).ifPresent(r -> r.tell(p -> true, new RoomEvent.FilesShared(files.shared(room))));
        }
        ctx.status(204);
    }

    /** The room name of the caller's conference in the path, or 404. */
    private String room(Context ctx) {
        return room(ctx, auth.require(ctx));
    }

    private String room(Context ctx, Principal principal) {
        long id = AccountsApi.pathId(ctx);
        return jdbi.withHandle(h -> conferences.get(h, principal.organisationId(), id))
                .map(Conference::roomName).orElseThrow(() -> ApiException.notFound("conference"));
    }


    static Map<String, Object> json(StoredFile f) {
        Map<String, Object> json = FilesApi.listed(f);
        json.put("uploadedAt", f.uploadedAt().toString());
        return json;
    }
}
