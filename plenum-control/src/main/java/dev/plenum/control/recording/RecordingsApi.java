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
 *       ranges ({@code Range: bytes=…}, 206; 416 when none of it exists) so players can seek;
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
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(r.mediaType());
        long size = r.sizeBytes();
        String range = ctx.header("Range");
        long[] span = range == null ? null : byteRange(range, size);
        if (range != null && span == null) {
            in.close();
            ctx.header("Content-Range", "bytes */" + size);
            ctx.status(416);
            return;
        }
        if (span == null) {
            ctx.header("Content-Length", Long.toString(size));
            ctx.result(in);
            return;
        }
        in.skipNBytes(span[0]);
        ctx.status(206);
        ctx.header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
        ctx.header("Content-Length", Long.toString(span[1] - span[0] + 1));
        ctx.result(new BoundedInputStream(in, span[1] - span[0] + 1));
    }

    /**
     * One byte range of RFC 9110 §14.1.2 ({@code bytes=first-last}, {@code bytes=first-}, {@code bytes=-suffix}) as
     * {first, last} within {@code size}, or null when it cannot be satisfied. Several ranges are not served: the
     * first one is (players ask for one).
     */
    static long[] byteRange(String header, long size) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})(,.*)?").matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || size == 0) return null;
        long first, last;
        if (m.group(1).isEmpty()) { // the last n bytes
            long n = Long.parseLong(m.group(2));
            if (n == 0) return null;
            first = Math.max(0, size - n);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            if (first >= size || last < first) return null;
        }
        return new long[] {first, last};
    }

    /** At most {@code remaining} bytes of a stream, closing it when closed. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override public int read() throws IOException {
            if (remaining <= 0) return -1;
            int b = super.read();
            if (b >= 0) remaining--;
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) return -1;
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) remaining -= n;
            return n;
        }
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
