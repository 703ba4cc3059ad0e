package dev.plenum.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every language the client offers is complete: the same keys as English, and the same placeholders in each. */
class MessageBundlesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @SuppressWarnings("unchecked")
    private static Map<String, String> bundle(String lang) throws IOException {
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/dev/plenum/web/i18n/" + lang + ".json")) {
            assertThat(in).as("bundle %s.json", lang).isNotNull();
            return JSON.readValue(in, Map.class);
        }
    }

    private static Set<String> placeholders(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        Set<String> names = new TreeSet<>();
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pl", "de", "fr"})
    void hasEveryEnglishKeyAndNoOther(String lang) throws IOException {
        assertThat(bundle(lang).keySet()).containsExactlyInAnyOrderElementsOf(bundle("en").keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pl", "de", "fr"})
    void keepsEachMessagesPlaceholders(String lang) throws IOException {
        Map<String, String> english = bundle("en");
        Map<String, String> translated = bundle(lang);
        Map<String, Set<String>> mismatched = english.keySet().stream()
                .filter(key -> translated.containsKey(key)
                        && !placeholders(english.get(key)).equals(placeholders(translated.get(key))))
                .collect(Collectors.toMap(key -> key, key -> placeholders(translated.get(key))));
        assertThat(mismatched).as("messages whose placeholders differ from English").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "pl", "de", "fr"})
    void leavesNoMessageEmpty(String lang) throws IOException {
        assertThat(bundle(lang)).allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
    }

    @org.junit.jupiter.api.Test
    void theLanguageMenuListsExactlyTheBundlesThatExist() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(MessageBundlesTest.class.getResource("/dev/plenum/web/i18n").toURI());
        Set<String> bundles;
        try (var files = java.nio.file.Files.list(dir)) {
            bundles = files.map(f -> f.getFileName().toString().replace(".json", "")).collect(Collectors.toSet());
        }
        String i18n = java.nio.file.Files.readString(dir.resolveSibling("i18n.js"));
        Matcher menu = Pattern.compile("LANGUAGES = \\{([^}]*)}").matcher(i18n);
        assertThat(menu.find()).as("i18n.js declares LANGUAGES").isTrue();
        Set<String> listed = Pattern.compile("(\\w+):").matcher(menu.group(1)).results()
                .map(r -> r.group(1)).collect(Collectors.toSet());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(bundles).contains("en", "pl", "de", "fr");
    }
}
