package dev.plenum.control.http;

/**
 * A request the API refuses: the HTTP status and the {@link ApiError} body to answer with. Thrown by handlers and the
 * helpers they call; {@link ApiRoutes#installErrorHandling} turns it into the response. Nothing has been written to
 * the database when it is thrown (handlers validate first, then write in one transaction).
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final transient ApiError error;

    public ApiException(int status, ApiError error) {
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, ApiError.field(field, message));
    }

    public static ApiException unprocessable(String field, String message) {
        return new ApiException(422, ApiError.field(field, message));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, ApiError.of("not-found", what + " not found"));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, ApiError.of("unauthorized", message));
    }

    public static ApiException forbidden(String error, String message) {
        return new ApiException(403, ApiError.of(error, message));
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}
