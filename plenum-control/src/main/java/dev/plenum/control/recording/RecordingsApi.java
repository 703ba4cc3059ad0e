package dev.plenum.control.recording;

import dev.plenum.control.conference.Conferences;
import dev.plenum.control.conference.ConferencesApi;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.Principal;
import dev.plenum.control.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code recordings} resource (ClickMeeting's name) of a conference, for members and API keys of its
 * organisation:
 * <ul>
 *   <li>{@code GET /api/v1/conferences/{id}/recordings?limit=&cursor=}: the recorded files, oldest first, paged;
 *   <li>{@code GET .../recordings/{recordingId}}: one of them;
 *   <li>{@code GET .../recordings/{recordingId}/file}: the WebM file ({@code video/webm}, a download), with byte
 *       ranges ({@code Range: bytes=…}, 206) so players can seek;
 *   <li>{@code DELETE .../recordings/{recordingId}}: removes the row, then the file (204).
 * </ul>
 * Another organisation's conference or recording answers 404 exactly as a missing one does.
 */
public final class RecordingsApi implements ApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(RecordingsApi.class);
    private static final String BASE = "/api/v1/conferences/{id}/recordings";
    private final Jdbi jdbi;
    private final Conferences conferences;
    private final Authenticator auth;
    private final Recordings recordings;
    private final RecordingFiles files;

    public RecordingsApi(Database db, Conferences conferences, Authenticator auth, Recordings recordings,
                         RecordingFiles files) {
        this.jdbi = db.jdbi();
        this.conferences = conferences;
        this.auth = auth;
        this.recordings = recordings;
        this.files = files;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(BASE, this::list);
        routes.get(BASE + "/{recordingId}", this::one);
        routes.get(BASE + "/{recordingId}/file", this::file);
        routes.delete(BASE + "/{recordingId}", this::delete);
    }

    private void list(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        int limit = ConferencesApi.limit(ctx.queryParam("limit"));
        long after = ConferencesApi.cursor(ctx.queryParam("cursor"));
        List<Recording> page = jdbi.withHandle(h -> {
            requireConference(h, principal, id);
            return recordings.page(h, principal.organisationId(), id, after, limit + 1);
        });
        ctx.json(ConferencesApi.page(page, limit, Recording::id, RecordingsApi::json));
    }

    private void one(Context ctx) {
        ctx.json(json(find(ctx)));
    }

    private void file(Context ctx) throws IOException {
        Recording r = find(ctx);
        Path path = files.path(r.storageKey());
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            log.warn("recording {} has a row but no file {}", r.id(), r.storageKey());
            throw ApiException.notFound("recording");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"recording-" + r.id() + ".webm\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "private, no-store");
        ctx.writeSeekableStream(in, r.mediaType(), r.sizeBytes()); // answers Range with 206 and Content-Range
    }

    private void delete(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        long recordingId = AccountsApi.pathId(ctx, "recordingId", "recording");
        // The row goes first, in its transaction: a file whose row is gone is unreachable; a row whose file is gone
        // would answer with nothing.
        Recording r = jdbi.inTransaction(h -> {
            requireConference(h, principal, id);
            Recording found = recordings.get(h, principal.organisationId(), id, recordingId)
                    .orElseThrow(() -> ApiException.notFound("recording"));
            if (!recordings.delete(h, principal.organisationId(), id, recordingId)) throw ApiException.notFound("recording");
            return found;
        });
        try {
            files.delete(r.storageKey());
        } catch (IOException e) {
            throw new UncheckedIOException("the row is gone; the file " + r.storageKey() + " could not be deleted", e);
        }
        ctx.status(204);
    }

    private Recording find(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        long recordingId = AccountsApi.pathId(ctx, "recordingId", "recording");
        return jdbi.withHandle(h -> {
            requireConference(h, principal, id);
            return recordings.get(h, principal.organisationId(), id, recordingId);
        }).orElseThrow(() -> ApiException.notFound("recording"));
    }

    private void requireConference(org.jdbi.v3.core.Handle h, Principal principal, long id) {
        conferences.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("conference"));
    }

    static Map<String, Object> json(Recording r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("conferenceId", r.conferenceId());
        json.put("sessionId", r.sessionId() == 0 ? null : r.sessionId());
        json.put("participantName", r.participantName());
        json.put("source", r.source());
        json.put("startedAt", r.startedAt().toString());
        json.put("endedAt", r.endedAt().toString());
        json.put("durationMs", r.durationMs());
        json.put("size", r.sizeBytes());
        json.put("sha256", r.sha256());
        json.put("mediaType", r.mediaType());
        json.put("file", "/api/v1/conferences/" + r.conferenceId() + "/recordings/" + r.id() + "/file");
        return json;
    }
}
