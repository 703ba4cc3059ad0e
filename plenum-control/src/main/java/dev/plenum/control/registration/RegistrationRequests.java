package dev.plenum.control.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.http.JsonFields;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the two request bodies of registration, naming every bad field at once (422):
 * <ul>
 *   <li>settings ({@code PUT .../registration}): {@code enabled} (required; only a scheduled conference can take
 *       registrations), {@code approval} automatic (default) | manual, {@code fields}: up to {@value #MAX_FIELDS}
 *       of {@code {key, label, required}}, keys {@code [a-z][a-z0-9_]{0,31}}, distinct, not name or email;
 *   <li>a registration (public form): {@code name} 1..200 characters, {@code email} one address (stored
 *       lower-cased), {@code answers} an object answering the conference's fields ({@code answers.<key>}: required
 *       ones non-empty, 1..{@value #MAX_ANSWER} characters, no unknown keys).
 * </ul>
 */
final class RegistrationRequests {
    static final int MAX_FIELDS = 10;
    static final int MAX_ANSWER = 500;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** @param language the page's language ({@link Registrations#LANGUAGES}), null when the body names none */
    record NewRegistration(String name, String email, Map<String, String> answers, String language) {}

    private RegistrationRequests() {}

    static RegistrationSettings settings(ObjectNode body, Conference conference) {
        JsonFields f = new JsonFields(body);
        Boolean enabled = f.bool("enabled", true);
        String approval = f.oneOf("approval", false, RegistrationSettings.APPROVALS);
        List<RegistrationSettings.Field> fields = new ArrayList<>();
        if (f.has("fields") && !f.isNull("fields")) {
            JsonNode array = body.get("fields");
            if (!array.isArray() || array.size() > MAX_FIELDS) {
                f.fault("fields", "fields must be an array of at most " + MAX_FIELDS + " questions");
            } else {
                Set<String> keys = new HashSet<>();
                for (int i = 0; i < array.size(); i++) {
                    String at = "fields[" + i + "]";
                    if (!(array.get(i) instanceof ObjectNode item)) {
                        f.fault(at, at + " must be an object with key, label and required");
                        continue;
                    }
                    JsonFields itemFields = new JsonFields(item);
                    String key = itemFields.text("key", true, 32);
                    String label = itemFields.text("label", true, 100);
                    Boolean required = itemFields.bool("required", false);
                    if (key != null && (!KEY.matcher(key).matches() || key.equals("name") || key.equals("email"))) {
                        f.fault(at + ".key", at + ".key must match [a-z][a-z0-9_]{0,31} and not be name or email");
                        key = null;
                    } else if (key != null && !keys.add(key)) {
                        f.fault(at + ".key", at + ".key repeats another field's key");
                        key = null;
                    }
                    try {
                        itemFields.validate();
                    } catch (dev.plenum.control.http.ApiException e) {
                        e.error().fields().forEach(fe -> f.fault(at + "." + fe.field(), at + "." + fe.message()));
                        if (e.error().fields().isEmpty()) f.fault(at, e.getMessage());
                        continue;
                    }
                    if (key != null) fields.add(new RegistrationSettings.Field(key, label, required != null && required));
                }
            }
        }
        if (Boolean.TRUE.equals(enabled) && conference.schedule() == null) {
            f.fault("enabled", "only a scheduled conference (permanentRoom false) can take registrations");
        }
        f.validate();
        return new RegistrationSettings(enabled, approval == null ? "automatic" : approval, fields);
    }

    static NewRegistration registration(ObjectNode body, RegistrationSettings settings) {
        JsonFields f = new JsonFields(body);
        String name = f.text("name", true, 200);
        String email = email(f);
        String language = f.text("language", false, 8);
        if (language != null && !Registrations.LANGUAGES.contains(language)) {
            f.fault("language", "language must be one of " + String.join(", ", Registrations.LANGUAGES));
        }
        Map<String, String> answers = new LinkedHashMap<>();
        JsonNode given = f.has("answers") && !f.isNull("answers") ? body.get("answers") : null;
        if (given != null && !given.isObject()) {
            f.fault("answers", "answers must be an object of field key to text");
            given = null;
        }
        Set<String> known = new HashSet<>();
        for (RegistrationSettings.Field field : settings.fields()) {
            known.add(field.key());
            String at = "answers." + field.key();
            JsonNode value = given == null ? null : given.get(field.key());
            String text = value == null || value.isNull() ? null : value.isTextual() ? value.textValue().strip() : null;
            if (value != null && !value.isNull() && !value.isTextual()) {
                f.fault(at, at + " must be text");
            } else if (text == null || text.isEmpty()) {
                if (field.required()) f.fault(at, field.label() + " is required");
            } else if (text.length() > MAX_ANSWER || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
                f.fault(at, at + " must be 1 to " + MAX_ANSWER + " printable characters");
            } else {
                answers.put(field.key(), text);
            }
        }
        if (given != null) {
            given.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k)) f.fault("answers." + k, "answers." + k + " is not a field of this registration form");
            });
        }
        f.validate();
        return new NewRegistration(name, email, answers, language);
    }

    /**
     * The language of mails for a registration whose body named none: the best of {@code Accept-Language}
     * (RFC 9110 §12.5.4) among {@link Registrations#LANGUAGES}, English when none fits or the header is unreadable.
     */
    static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) return Registrations.LANGUAGES.getFirst();
        try {
            String best = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), Registrations.LANGUAGES);
            return best == null ? Registrations.LANGUAGES.getFirst() : best;
        } catch (IllegalArgumentException e) {
            return Registrations.LANGUAGES.getFirst();
        }
    }

    private static String email(JsonFields f) {
        String text = f.text("email", true, 254);
        if (text == null) return null;
        try {
            InternetAddress a = new InternetAddress(text, true);
            a.validate();
            String address = a.getAddress();
            int at = address.indexOf('@');
            if (!address.equals(text) || at < 1 || address.indexOf('.', at) < 0) throw new AddressException("no domain");
            return address.toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            f.fault("email", "email must be one e-mail address such as ada@example.org");
            return null;
        }
    }
}
