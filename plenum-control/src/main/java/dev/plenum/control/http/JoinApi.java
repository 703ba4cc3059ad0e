package dev.plenum.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.conference.RoomAccess;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.signal.SignalCodec;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import dev.plenum.control.signal.SignalingWebSocket;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/rooms/{room}/join} with {@code {"name": "...", "password": "...", "accessToken": "...",
 * "registrantKey": "..."}}:
 * issues the signed join token the signaling WebSocket requires. A room name that belongs to a conference applies
 * its access rule and decides the role ({@link RoomAccess}); a free name is an ad-hoc room, which anyone may join as
 * its host when {@link ControlConfig#adHocRooms()} is on, and which does not exist (404) when it is off.
 */
final class JoinApi {
    static final int MAX_NAME_CHARS = 64;
    private final ObjectMapper json;
    private final JoinTokenSigner signer;
    private final ControlConfig config;
    private final Clock clock;
    private final RoomAccess access;

    JoinApi(ObjectMapper json, JoinTokenSigner signer, ControlConfig config, Clock clock, RoomAccess access) {
        this.access = access;
        this.json = json;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
    }

    /**
     * {@code GET /api/v1/rooms/{room}}: what the pre-join page needs before it asks for a camera: {@code planned},
     * {@code webinar}, {@code accessType} ({@code open}, {@code password}, {@code token}) and the {@code role} this
     * visitor would join in when let in. 404 for a name that cannot be a room, and for a free name when ad-hoc rooms
     * are off (as the join itself would answer).
     */
    void outline(Context ctx) {
        var room = RoomName.parse(ctx.pathParam("room"));
        if (room.isEmpty()) {
            ctx.status(404).json(ApiError.field("room", "no room can have this name"));
            return;
        }
        var outline = access.outline(room.get().value(), ctx.cookie(Authenticator.SESSION_COOKIE));
        if (outline.isEmpty() && !config.adHocRooms()) {
            ctx.status(404).json(ApiError.of("not-found", "there is no meeting by this name"));
            return;
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("room", room.get().value());
        body.put("planned", outline.isPresent());
        body.put("webinar", outline.map(RoomAccess.Outline::webinar).orElse(false));
        body.put("accessType", outline.map(RoomAccess.Outline::accessType).orElse("open"));
        body.put("role", outline.map(RoomAccess.Outline::role).orElse(Role.HOST).name().toLowerCase(java.util.Locale.ROOT));
        ctx.header("Cache-Control", "no-store").json(body);
    }

    void handle(Context ctx) {
        var room = RoomName.parse(ctx.pathParam("room"));
        if (room.isEmpty()) {
            ctx.status(404).json(ApiError.field("room", "no room can have this name"));
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (Exception e) {
            ctx.status(400).json(ApiError.of("malformed-json", "the request body is not valid JSON"));
            return;
        }
        JsonNode nameNode = body == null ? null : body.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            ctx.status(422).json(ApiError.field("name", "name is required"));
            return;
        }
        String name = nameNode.textValue().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS || name.chars().anyMatch(Character::isISOControl)) {
            ctx.status(422).json(ApiError.field("name", "name must be 1 to " + MAX_NAME_CHARS + " printable characters"));
            return;
        }
        RoomAccess.Decision decision = access.decide(new RoomAccess.Request(room.get().value(),
                ctx.cookie(Authenticator.SESSION_COOKIE), optionalText(body, "password"), optionalText(body, "accessToken"),
                ctx.ip(), optionalText(body, "registrantKey")));
        Role role;
        String email = null;
        boolean webinar = false;
        Long accessTokenId = null;
        switch (decision) {
            case RoomAccess.Decision.Refused r -> {
                if (r.retryAfter() != null) ctx.header("Retry-After", Long.toString(Math.max(1, (r.retryAfter().toMillis() + 999) / 1000)));
                ctx.status(r.status()).json(r.error());
                return;
            }
            case RoomAccess.Decision.Admitted a -> {
                role = a.role();
                email = a.email();
                webinar = a.webinar();
                accessTokenId = a.accessTokenId();
                // a registrant is recorded under the name they registered with
                if (a.name() != null) name = a.name().length() > MAX_NAME_CHARS ? a.name().substring(0, MAX_NAME_CHARS) : a.name();
            }
            case RoomAccess.Decision.AdHoc a -> {
                if (!config.adHocRooms()) {
                    ctx.status(404).json(ApiError.of("not-found", "there is no meeting by this name"));
                    return;
                }
                role = Role.HOST;
            }
        }
        if (ctx.cookie(SignalingWebSocket.BROWSER_COOKIE) == null) {
            Cookie browser = new Cookie(SignalingWebSocket.BROWSER_COOKIE, UUID.randomUUID().toString());
            browser.setPath("/");
            browser.setHttpOnly(true);
            browser.setSecure("https".equals(ctx.scheme()));
            browser.setSameSite(SameSite.STRICT);
            ctx.cookie(browser);
        }
        String participantId = UUID.randomUUID().toString();
        String token = signer.sign(new JoinToken(room.get().value(), participantId, name, role,
                clock.instant().plus(config.joinTokenLifetime()), email, accessTokenId));
        ctx.json(Map.of("token", token, "participantId", participantId, "room", room.get().value(),
                "role", role.name().toLowerCase(java.util.Locale.ROOT), "webinar", webinar,
                "signaling", "/ws", "iceServers", SignalCodec.iceServers(json, config.iceServers())));
    }

    /** A text field that may be absent (null); anything but text counts as absent. */
    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
