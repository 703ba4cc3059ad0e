package dev.plenum.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates the fields of one JSON object, collecting every fault before answering, so that a client learns all
 * of them at once: call the typed getters, then {@link #validate()}. Fields the resource does not know are faults
 * too (a misspelt {@code timezone} must not be silently ignored).
 *
 * <p>Getters return {@code null} for an absent field (or one at fault); {@link #has} tells absent from JSON
 * {@code null}, which PATCH uses to clear a value.
 */
public final class JsonFields {
    private final ObjectNode node;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<ApiError.FieldError> errors = new ArrayList<>();

    public JsonFields(ObjectNode node) {
        this.node = node;
    }

    public boolean has(String field) {
        known.add(field);
        return node.has(field);
    }

    public boolean isNull(String field) {
        known.add(field);
        return node.has(field) && node.get(field).isNull();
    }

    public void fault(String field, String message) {
        errors.add(new ApiError.FieldError(field, message));
    }

    public boolean hasFault(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** A string of printable characters, stripped, 1..maxChars long. */
    public String text(String field, boolean required, int maxChars) {
        JsonNode value = value(field, required);
        if (value == null) return null;
        if (!value.isTextual()) {
            fault(field, field + " must be a string");
            return null;
        }
        String text = value.textValue().strip();
        if (text.isEmpty() || text.length() > maxChars || text.chars().anyMatch(Character::isISOControl)) {
            fault(field, field + " must be 1 to " + maxChars + " printable characters");
            return null;
        }
        return text;
    }

    /** A string exactly as sent (passwords: no stripping), minChars..maxChars long. */
    public String secret(String field, boolean required, int minChars, int maxChars) {
        JsonNode value = value(field, required);
        if (value == null) return null;
        if (!value.isTextual()) {
            fault(field, field + " must be a string");
            return null;
        }
        String text = value.textValue();
        if (text.length() < minChars || text.length() > maxChars) {
            fault(field, field + " must be " + minChars + " to " + maxChars + " characters");
            return null;
        }
        return text;
    }

    /** One of the given lower-case words. */
    public String oneOf(String field, boolean required, List<String> allowed) {
        JsonNode value = value(field, required);
        if (value == null) return null;
        if (!value.isTextual() || !allowed.contains(value.textValue())) {
            fault(field, field + " must be one of " + String.join(", ", allowed));
            return null;
        }
        return value.textValue();
    }

    /** A non-empty list of distinct words, each one of {@code allowed}. */
    public List<String> someOf(String field, boolean required, List<String> allowed) {
        JsonNode value = value(field, required);
        if (value == null) return null;
        List<String> words = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isTextual() && allowed.contains(item.textValue()) && !words.contains(item.textValue())) {
                    words.add(item.textValue());
                } else {
                    words = null;
                    break;
                }
            }
        }
        if (!value.isArray() || words == null || words.isEmpty()) {
            fault(field, field + " must be a list of one or more of " + String.join(", ", allowed));
            return null;
        }
        return words;
    }

    public Boolean bool(String field, boolean required) {
        JsonNode value = value(field, required);
        if (value == null) return null;
        if (!value.isBoolean()) {
            fault(field, field + " must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    public Integer integer(String field, boolean required, int min, int max) {
        JsonNode value = value(field, required);
        if (value == null) return null;
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            fault(field, field + " must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.intValue();
    }

    /** Throws a 422 naming every fault (unknown fields included), or returns when there is none. */
    public void validate() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) fault(name, name + " is not a field of this resource");
        }
        if (!errors.isEmpty()) throw new ApiException(422, ApiError.fields(errors));
    }

    private JsonNode value(String field, boolean required) {
        known.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) fault(field, field + " is required");
            return null;
        }
        return value;
    }
}
