package dev.plenum.control.registration;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of registration mails in one language, from {@code mail/<language>.properties} next to this class
 * (UTF-8). Placeholders are names in braces, {@code {event}}, filled by {@link #text}: no MessageFormat, whose
 * quoting rules would turn every French apostrophe into a trap. Every language has every key with the same
 * placeholders (checked by a test), so a missing text is a build failure, never a blank in a mail.
 */
final class MailTexts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Map<String, MailTexts> LOADED = new LinkedHashMap<>();
    private final String language;
    private final Map<String, String> texts;
    private final DateTimeFormatter date;

    private MailTexts(String language, Map<String, String> texts) {
        this.language = language;
        this.texts = texts;
        this.date = DateTimeFormatter.ofPattern(texts.get("date.pattern"), Locale.forLanguageTag(language));
    }

    /** The texts of a language Plenum writes mails in ({@link Registrations#LANGUAGES}); English for any other. */
    static synchronized MailTexts of(String language) {
        String lang = Registrations.LANGUAGES.contains(language) ? language : Registrations.LANGUAGES.getFirst();
        return LOADED.computeIfAbsent(lang, l -> new MailTexts(l, load(l)));
    }

    /** The raw texts of a language's bundle, key by key (for the test that compares bundles). */
    static Map<String, String> load(String language) {
        String path = "mail/" + language + ".properties";
        try (InputStream in = MailTexts.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("no mail texts for " + language + " (" + path + ")");
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new LinkedHashMap<>();
            for (String key : p.stringPropertyNames()) texts.put(key, p.getProperty(key));
            return Map.copyOf(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The placeholders a text uses, by name. */
    static java.util.Set<String> placeholders(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    String language() {
        return language;
    }

    /** The text under {@code key} with its placeholders filled from {@code values} (alternating name, value). */
    String text(String key, String... values) {
        String template = texts.get(key);
        if (template == null) throw new IllegalStateException("no mail text " + key + " in " + language);
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i + 1 < values.length; i += 2) given.put(values[i], values[i + 1]);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = given.get(m.group(1));
            if (value == null) throw new IllegalStateException("mail text " + key + " needs {" + m.group(1) + "}");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** When an event takes place: its local date and time, zone and length. */
    String when(ZonedDateTime start, int durationMinutes) {
        return text("when", "date", date.format(start), "zone", start.getZone().getId(), "minutes", Integer.toString(durationMinutes));
    }

    /** "in 24 hours", "za 1 godzinę": a reminder's offset in words, whole hours as hours. */
    String soon(long minutes) {
        boolean hours = minutes > 0 && minutes % 60 == 0;
        long n = hours ? minutes / 60 : minutes;
        return text((hours ? "in.hours." : "in.minutes.") + pluralForm(n), "n", Long.toString(n));
    }

    /**
     * Which plural form a count takes: "one", "few" or "many". Only Polish tells few (2-4, 22-24, …, not 12-14)
     * from many; in English, German and French both are the plural.
     */
    String pluralForm(long n) {
        if (n == 1) return "one";
        if (!language.equals("pl")) return "many";
        long tens = n % 100;
        long units = n % 10;
        return units >= 2 && units <= 4 && (tens < 12 || tens > 14) ? "few" : "many";
    }
}
