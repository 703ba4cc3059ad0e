package dev.plenum.control.room;

import dev.plenum.control.store.Database;
import dev.plenum.control.token.Role;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Role grants in the database (table {@code room_roles}, one row per room and person: the latest decision). */
public final class SqlRoleGrants implements RoleGrants {
    private final Database db;

    public SqlRoleGrants(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Role> lastGranted(String room, String personKey) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT participant_role FROM room_roles WHERE room_name = :room AND person_key = :key")
                .bind("room", room).bind("key", personKey)
                .mapTo(String.class).findOne()
                .map(r -> Role.valueOf(r.toUpperCase(Locale.ROOT))));
    }

    @Override
    public void granted(String room, String personKey, Role role, Instant at) {
        if (role == Role.HOST) throw new IllegalArgumentException("hosts are who the conference says, never granted");
        String wire = role.name().toLowerCase(Locale.ROOT);
        for (int attempt = 0; ; attempt++) {
            try {
                db.jdbi().useTransaction(h -> {
                    // Only a decision at least as recent as the kept one replaces it.
                    int changed = h.createUpdate("""
                                    UPDATE room_roles SET participant_role = :role, changed_at = :at
                                    WHERE room_name = :room AND person_key = :key AND changed_at <= :at""")
                            .bind("role", wire).bind("at", at).bind("room", room).bind("key", personKey).execute();
                    if (changed == 1) return;
                    boolean kept = h.createQuery("SELECT COUNT(*) FROM room_roles WHERE room_name = :room AND person_key = :key")
                            .bind("room", room).bind("key", personKey).mapTo(Integer.class).one() == 1;
                    if (kept) return; // a later decision is kept: this one is stale
                    h.createUpdate("""
                                    INSERT INTO room_roles (room_name, person_key, participant_role, changed_at)
                                    VALUES (:room, :key, :role, :at)""")
                            .bind("room", room).bind("key", personKey).bind("role", wire).bind("at", at).execute();
                });
                return;
            } catch (RuntimeException e) {
                // two first grants for one person at once: the second try finds the winner's row and compares times
                if (Database.isUniqueViolation(e) && attempt == 0) continue;
                throw e;
            }
        }
    }
}
