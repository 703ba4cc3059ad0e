package dev.plenum.control.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;

/**
 * A group of REST routes that registers itself on the {@link ControlServer}'s router. Groups are built by hand in
 * {@code PlenumNode} and passed to the server, which calls {@link #register} once while configuring.
 */
@FunctionalInterface
public interface ApiRoutes {
    ApiRoutes NONE = routes -> {};

    void register(RoutesConfig routes);

    /** Several groups registered in order, after {@link #installErrorHandling}. */
    static ApiRoutes of(ApiRoutes... groups) {
        return routes -> {
            installErrorHandling(routes);
            for (ApiRoutes group : groups) group.register(routes);
        };
    }

    /**
     * Answers {@link ApiException}s with their status and JSON body, and Javalin's own refusals (a body over the
     * size limit: 413) with an {@link ApiError} body too.
     */
    static void installErrorHandling(RoutesConfig routes) {
        // answers carry organisation data and session tokens: no shared or browser cache keeps them
        routes.before("/api/v1/*", ctx -> ctx.header("Cache-Control", "no-store"));
        routes.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(e.error()));
        routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                .json(ApiError.of(e.getStatus() == 413 ? "body-too-large" : "http-" + e.getStatus(), e.getMessage())));
    }
}
