package dev.plenum.control.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The organisers' pages, served from the web client ({@code dev/plenum/web/organiser}); everything they show comes
 * from the REST API with the member's session cookie and CSRF token:
 * <ul>
 *   <li>{@code /organiser/sign-in}: sign in;
 *   <li>{@code /organiser/}: the organisation's rooms with their join links;
 *   <li>{@code /organiser/rooms/new}, {@code /organiser/rooms/{id}}: schedule a room, or change one, with its
 *       registration, registrants, files and sessions;
 *   <li>{@code /organiser/rooms/{id}/sessions/{sessionId}}: one session's attendance over time.
 * </ul>
 * {@code organiser} is a reserved room name, so no room's link can shadow these.
 */
public final class OrganiserPages implements ApiRoutes {
    private static final String POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'";
    private final byte[] signIn = page("sign-in.html");
    private final byte[] dashboard = page("index.html");
    private final byte[] room = page("room.html");
    private final byte[] session = page("session.html");

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/organiser", ctx -> serve(ctx, dashboard));
        routes.get("/organiser/", ctx -> serve(ctx, dashboard));
        routes.get("/organiser/sign-in", ctx -> serve(ctx, signIn));
        routes.get("/organiser/rooms/new", ctx -> serve(ctx, room));
        routes.get("/organiser/rooms/{id}", ctx -> serve(ctx, room));
        routes.get("/organiser/rooms/{id}/sessions/{sessionId}", ctx -> serve(ctx, session));
    }

    private static void serve(Context ctx, byte[] page) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Security-Policy", POLICY);
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static byte[] page(String name) {
        return ControlServer.readResource(ControlServer.WEB_ROOT + "/organiser/" + name);
    }
}
