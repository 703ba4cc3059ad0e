package dev.plenum.control.conference;

import dev.plenum.control.http.ApiError;
import dev.plenum.control.org.LoginLimiter;
import dev.plenum.control.org.PasswordHasher;
import dev.plenum.control.org.Secrets;
import dev.plenum.control.store.Database;
import dev.plenum.control.token.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Joining a conference's room, in this order:
 * <ol>
 *   <li>the room name belongs to no (live) conference: {@link Decision.AdHoc};
 *   <li>the caller is signed in as a member of the conference's organisation: {@link Role#HOST}, whatever the access;
 *   <li>a {@code registrantKey} is given (the personal link of a registration mail): it alone decides, whatever the
 *       access rule: an approved registrant's key whose link stands admits as {@link Role#ATTENDEE} under the
 *       registrant's name and address (for the attendance report); any other key is refused (403 naming
 *       {@code registrantKey}, with a code saying why: unknown, withdrawn, pending, denied, cancelled);
 *   <li>{@code open}: {@link Role#ATTENDEE};
 *   <li>{@code password}: the {@code password} field must match (403 naming it otherwise); guesses are limited per
 *       room and per client address like sign-ins (429 with {@code Retry-After});
 *   <li>{@code token}: the {@code accessToken} field must be a live token of this conference (403 naming it otherwise).
 * </ol>
 * An attendee may publish in a meeting but not in a webinar; the room enforces that ({@link PlannedRoom#attendeesMayPublish}).
 */
public final class PlannedRoomAccess implements RoomAccess, PlannedRooms {
    private final Jdbi jdbi;
    private final AccessTokens tokens;
    private final PasswordHasher passwords;
    private final LoginLimiter guesses;
    private final Clock clock;
    private final RegistrantKeys registrants;

    public PlannedRoomAccess(Database db, AccessTokens tokens, PasswordHasher passwords, LoginLimiter guesses, Clock clock) {
        this(db, tokens, passwords, guesses, clock, RegistrantKeys.NONE);
    }

    public PlannedRoomAccess(Database db, AccessTokens tokens, PasswordHasher passwords, LoginLimiter guesses, Clock clock,
                             RegistrantKeys registrants) {
        this.registrants = registrants;
        this.jdbi = db.jdbi();
        this.tokens = tokens;
        this.passwords = passwords;
        this.guesses = guesses;
        this.clock = clock;
    }

    @Override
    public Optional<PlannedRoom> byRoomName(String roomName) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, organisation_id, room_name, room_type, access_type, password_hash, lobby_enabled
                        FROM conferences WHERE room_name = :room AND deleted_at IS NULL""")
                .bind("room", roomName)
                .map((rs, ctx) -> new PlannedRoom(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("room_name"),
                        "webinar".equals(rs.getString("room_type")), rs.getString("access_type"),
                        rs.getString("password_hash"), rs.getBoolean("lobby_enabled")))
                .findOne());
    }

    /** The signed-in member of a session cookie: organisation and e-mail address. */
    private record SignedIn(long organisationId, String email) {}

    private Optional<SignedIn> signedIn(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 100) return Optional.empty();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT m.organisation_id, m.email FROM member_sessions s JOIN members m ON m.id = s.member_id
                        WHERE s.id_hash = :id AND s.expires_at > :now""")
                .bind("id", Secrets.sha256(cookie)).bind("now", Database.now(clock))
                .map((rs, ctx) -> new SignedIn(rs.getLong("organisation_id"), rs.getString("email"))).findOne());
    }

    @Override
    public void revokeAccessToken(long tokenId) {
        try {
            jdbi.useTransaction(h -> tokens.revoke(h, tokenId, Database.now(clock)));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PlannedRoomAccess.class).warn("could not revoke access token {}", tokenId, e);
        }
    }

    @Override
    public Optional<Outline> outline(String roomName, String sessionCookie) {
        return byRoomName(roomName).map(room -> {
            boolean host = signedIn(sessionCookie).filter(m -> m.organisationId() == room.organisationId()).isPresent();
            return new Outline(room.webinar(), room.accessType(), host ? Role.HOST : Role.ATTENDEE);
        });
    }

    @Override
    public Decision decide(Request request) {
        Optional<PlannedRoom> found = byRoomName(request.roomName());
        if (found.isEmpty()) return new Decision.AdHoc();
        PlannedRoom room = found.get();
        Optional<SignedIn> member = signedIn(request.sessionCookie());
        if (member.isPresent() && member.get().organisationId() == room.organisationId()) {
            return new Decision.Admitted(Role.HOST, member.get().email(), room.webinar());
        }
        if (request.registrantKey() != null) return byRegistrantKey(room, request.registrantKey());
        return switch (room.accessType()) {
            case "password" -> byPassword(room, request);
            case "token" -> byToken(room, request);
            default -> new Decision.Admitted(Role.ATTENDEE, null, room.webinar());
        };
    }

    private Decision byPassword(PlannedRoom room, Request request) {
        if (request.password() == null || request.password().isEmpty()) {
            return refused("password-required", "password", "this meeting asks for a password");
        }
        Duration wait = guesses.tryAttempt("join:" + room.roomName(), "join:" + request.clientAddress());
        if (!wait.isZero()) {
            return new Decision.Refused(429, ApiError.of("too-many-attempts", "too many password attempts; try again later"), wait);
        }
        if (request.password().length() > 200 || room.passwordHash() == null
                || !passwords.verify(request.password(), room.passwordHash())) {
            return refused("wrong-password", "password", "the password is not right");
        }
        return new Decision.Admitted(Role.ATTENDEE, null, room.webinar());
    }

    private Decision byToken(PlannedRoom room, Request request) {
        if (request.accessToken() == null || request.accessToken().isEmpty()) {
            return refused("access-token-required", "accessToken", "this meeting needs the personal link you were sent");
        }
        Optional<AccessTokens.Holder> holder = jdbi.withHandle(h -> tokens.holder(h, room.conferenceId(), request.accessToken()));
        if (holder.isEmpty()) return refused("invalid-access-token", "accessToken", "this personal link is not valid (any more)");
        return new Decision.Admitted(Role.ATTENDEE, holder.get().email(), room.webinar(), holder.get().tokenId());
    }

    private Decision byRegistrantKey(PlannedRoom room, String key) {
        if (key.isEmpty() || key.length() > 100) {
            return refused("invalid-registrant-key", "registrantKey", "this personal link is not valid");
        }
        return switch (jdbi.withHandle(h -> registrants.check(h, room.conferenceId(), key))) {
            case RegistrantKeys.Check.Valid v -> new Decision.Admitted(Role.ATTENDEE, v.email(), room.webinar(), null, v.name());
            case RegistrantKeys.Check.NotAdmitted n -> refused(n.code(), "registrantKey", n.message());
            case RegistrantKeys.Check.Unknown u -> refused("invalid-registrant-key", "registrantKey", "this personal link is not valid");
        };
    }

    private static Decision refused(String code, String field, String message) {
        return new Decision.Refused(403, new ApiError(code, message, List.of(new ApiError.FieldError(field, message))), null);
    }
}
