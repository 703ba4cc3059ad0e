package dev.plenum.control.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;

/**
 * Reads a request's JSON object body, refusing in order: a body larger than the limit (413), a media type other
 * than {@code application/json} (415; a cross-site HTML form cannot send JSON, which also keeps sign-in and sign-up
 * safe from login CSRF), malformed JSON (400), a value that is not an object (400).
 */
public final class JsonBodies {
    /** The largest REST request body accepted. */
    public static final int MAX_BYTES = 16 * 1024;
    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode readObject(Context ctx) {
        return parse(rawBody(ctx));
    }

    /** The body's bytes, after the size and media-type checks. */
    public byte[] rawBody(Context ctx) {
        if (ctx.contentLength() > MAX_BYTES) throw tooLarge();
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new ApiException(415, ApiError.of("unsupported-media-type", "the request body must be application/json"));
        }
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == 413) throw tooLarge();
            throw e;
        }
        if (body.length > MAX_BYTES) throw tooLarge();
        return body;
    }

    public ObjectNode parse(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, ApiError.of("malformed-json", "the request body is not valid JSON"));
        } catch (java.io.IOException e) {
            throw new ApiException(400, ApiError.of("malformed-json", "the request body could not be read"));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException(400, ApiError.of("malformed-json", "the request body must be a JSON object"));
        }
        return object;
    }

    private static ApiException tooLarge() {
        return new ApiException(413, ApiError.of("body-too-large", "the request body exceeds " + MAX_BYTES + " bytes"));
    }
}
