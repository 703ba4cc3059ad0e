package dev.plenum.control.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The mail texts: every language has every English key with the same placeholders, and says counts rightly. */
class MailTextsTest {
    @ParameterizedTest
    @ValueSource(strings = {"en", "pl", "de", "fr"})
    void everyBundleHasExactlyTheEnglishKeysWithTheSamePlaceholders(String language) {
        Map<String, String> english = MailTexts.load("en");
        Map<String, String> texts = MailTexts.load(language);
        assertThat(texts.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        english.forEach((key, text) -> {
            assertThat(MailTexts.placeholders(texts.get(key))).as(language + " " + key).isEqualTo(MailTexts.placeholders(text));
            assertThat(texts.get(key)).as(language + " " + key).isNotBlank();
        });
    }

    @Test
    void everyLanguagePlenumWritesInHasABundle() {
        assertThat(Registrations.LANGUAGES).containsExactly("en", "pl", "de", "fr");
        for (String language : Registrations.LANGUAGES) assertThat(MailTexts.of(language).language()).isEqualTo(language);
        assertThat(MailTexts.of("xx").language()).as("anything else: English").isEqualTo("en");
    }

    @ParameterizedTest
    @CsvSource({"1, za 1 minutę", "2, za 2 minuty", "4, za 4 minuty", "5, za 5 minut", "12, za 12 minut", "22, za 22 minuty",
            "60, za 1 godzinę", "120, za 2 godziny", "300, za 5 godzin", "1440, za 24 godziny", "1500, za 25 godzin",
            "90, za 90 minut"})
    void polishCountsTakeTheirThreeForms(long minutes, String words) {
        assertThat(MailTexts.of("pl").soon(minutes)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({"en, 1440, in 24 hours", "en, 60, in 1 hour", "en, 15, in 15 minutes", "de, 60, in 1 Stunde",
            "fr, 1440, dans 24 heures"})
    void otherLanguagesHaveOneAndMany(String language, long minutes, String words) {
        assertThat(MailTexts.of(language).soon(minutes)).isEqualTo(words);
    }

    @Test
    void datesAreWrittenInTheLanguage() {
        ZonedDateTime start = ZonedDateTime.of(2027, 3, 28, 10, 0, 0, 0, ZoneId.of("Europe/Warsaw"));
        assertThat(MailTexts.of("en").when(start, 90)).isEqualTo("Sunday 28 March 2027, 10:00 (Europe/Warsaw, 90 minutes)");
        assertThat(MailTexts.of("pl").when(start, 90)).isEqualTo("niedziela, 28 marca 2027, 10:00 (Europe/Warsaw, 90 min)");
        assertThat(MailTexts.of("de").when(start, 90)).isEqualTo("Sonntag, 28. März 2027, 10:00 Uhr (Europe/Warsaw, 90 Min.)");
        assertThat(MailTexts.of("fr").when(start, 90)).isEqualTo("dimanche 28 mars 2027, 10:00 (Europe/Warsaw, 90 min)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"pl-PL,pl;q=0.9,en;q=0.8|pl", "fr-CA|fr", "ja, de;q=0.5|de", "ja|en", "|en",
            "*|en", "de;q=0, fr;q=0.1|fr", "!!!|en"})
    void theBrowsersLanguageIsTheBestOfAcceptLanguage(String header, String language) {
        assertThat(RegistrationRequests.language(header)).isEqualTo(language);
    }
}
