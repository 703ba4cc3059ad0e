package dev.plenum.control.files;

import dev.plenum.control.org.Secrets;
import dev.plenum.control.slides.SlideState;
import dev.plenum.control.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Room files in the database (tables {@code room_files}, {@code room_file_pages}, {@code room_slides}). A file and its
 * pages are inserted in one transaction: a failure leaves nothing behind.
 */
public final class SqlRoomFiles implements RoomFiles {
    private static final String COLUMNS =
            "id, room_name, file_name, kind, size_bytes, sha256, page_count, uploaded_by, uploaded_at, shared";
    private final Database db;

    public SqlRoomFiles(Database db) {
        this.db = db;
    }

    @Override
    public StoredFile add(String room, String name, FileKind kind, byte[] content, List<byte[]> pages,
                          String uploadedBy, Instant at) {
        String sha256 = Secrets.sha256(content);
        Instant when = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long id = db.jdbi().inTransaction(h -> {
            long fileId = h.createUpdate("""
                            INSERT INTO room_files (room_name, file_name, kind, size_bytes, sha256, page_count,
                                                    uploaded_by, uploaded_at, shared, content)
                            VALUES (:room, :name, :kind, :size, :sha, :pages, :by, :at, FALSE, :content)""")
                    .bind("room", room).bind("name", name).bind("kind", kind.wireName()).bind("size", (long) content.length)
                    .bind("sha", sha256).bind("pages", pages.size()).bind("by", uploadedBy).bind("at", when)
                    .bind("content", content)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            if (!pages.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(
                        "INSERT INTO room_file_pages (file_id, page_number, png) VALUES (:file, :page, :png)");
                for (int i = 0; i < pages.size(); i++) {
                    batch.bind("file", fileId).bind("page", i + 1).bind("png", pages.get(i)).add();
                }
                batch.execute();
            }
            return fileId;
        });
        return new StoredFile(id, room, name, kind, content.length, sha256, pages.size(), uploadedBy, when, false);
    }

    @Override
    public Optional<StoredFile> find(String room, long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM room_files WHERE room_name = :room AND id = :id")
                .bind("room", room).bind("id", id).map((rs, ctx) -> file(rs)).findOne());
    }

    @Override
    public Optional<byte[]> content(String room, long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT content FROM room_files WHERE room_name = :room AND id = :id")
                .bind("room", room).bind("id", id).map((rs, ctx) -> rs.getBytes("content")).findOne());
    }

    @Override
    public Optional<byte[]> page(String room, long id, int page) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT p.png FROM room_file_pages p JOIN room_files f ON f.id = p.file_id
                        WHERE f.room_name = :room AND f.id = :id AND p.page_number = :page""")
                .bind("room", room).bind("id", id).bind("page", page).map((rs, ctx) -> rs.getBytes("png")).findOne());
    }

    @Override
    public List<StoredFile> all(String room) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM room_files WHERE room_name = :room ORDER BY id")
                .bind("room", room).map((rs, ctx) -> file(rs)).list());
    }

    /** The pages and a slides row pointing at the file go with it (ON DELETE CASCADE), in one statement. */
    @Override
    public boolean delete(String room, long id) {
        return db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM room_files WHERE room_name = :room AND id = :id")
                .bind("room", room).bind("id", id).execute()) == 1;
    }

    @Override
    public List<StoredFile> shared(String room) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM room_files WHERE room_name = :room AND shared ORDER BY id")
                .bind("room", room).map((rs, ctx) -> file(rs)).list());
    }

    @Override
    public boolean setShared(String room, long id, boolean shared) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE room_files SET shared = :shared WHERE room_name = :room AND id = :id")
                .bind("shared", shared).bind("room", room).bind("id", id).execute()) == 1;
    }

    @Override
    public Optional<SlideState> slides(String room) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT s.file_id, s.page_number, f.file_name, f.page_count FROM room_slides s
                        JOIN room_files f ON f.id = s.file_id WHERE s.room_name = :room""")
                .bind("room", room)
                .map((rs, ctx) -> new SlideState(rs.getLong("file_id"), rs.getString("file_name"),
                        rs.getInt("page_number"), rs.getInt("page_count")))
                .findOne());
    }

    @Override
    public void setSlides(String room, SlideState state) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM room_slides WHERE room_name = :room").bind("room", room).execute();
            if (state != null) {
                h.createUpdate("INSERT INTO room_slides (room_name, file_id, page_number) VALUES (:room, :file, :page)")
                        .bind("room", room).bind("file", state.fileId()).bind("page", state.page()).execute();
            }
        });
    }

    private static StoredFile file(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getLong("id"), rs.getString("room_name"), rs.getString("file_name"),
                FileKind.fromWireName(rs.getString("kind")).orElseThrow(), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getInt("page_count"), rs.getString("uploaded_by"), Database.instant(rs, "uploaded_at"),
                rs.getBoolean("shared"));
    }
}
