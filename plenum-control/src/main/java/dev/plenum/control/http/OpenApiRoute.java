package dev.plenum.control.http;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of the REST API, a hand-written resource kept next to
 * this class ({@code openapi.json}). A test checks that every route the server registers under {@code /api/} is in it.
 */
public final class OpenApiRoute implements ApiRoutes {
    public static final String PATH = "/api/v1/openapi.json";
    static final String RESOURCE = "/dev/plenum/control/http/openapi.json";
    private final byte[] document;

    public OpenApiRoute() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + RESOURCE);
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.header("Cache-Control", "no-cache").contentType("application/json").result(document));
    }
}
