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

    /** Several fields at fault at once: each is named, so a form can mark them all. */
    public static ApiError fields(List<FieldError> errors) {
        if (errors.size() == 1) return field(errors.getFirst().field(), errors.getFirst().message());
        return new ApiError("invalid-request", errors.size() + " fields are invalid", List.copyOf(errors));
    }
}
