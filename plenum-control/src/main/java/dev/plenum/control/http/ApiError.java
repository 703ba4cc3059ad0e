package dev.plenum.control.http;

import java.util.List;

/** The JSON body of every 4xx answer: a code, a sentence, and the fields at fault. */
public record ApiError(String error, String message, List<FieldError> fields) {
    public record FieldError(String field, String message) {}

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, List.of());
    }

    public static ApiError field(String field, String message) {
        return new ApiError("invalid-request", message, List.of(new FieldError(field, message)));
    }
}
