package dev.plenum.control.registration;

import java.util.List;

/**
 * Whether a conference takes registrations and how: approval {@code automatic} (a registrant is confirmed at
 * once) or {@code manual} (an organiser approves or denies each), and the extra questions of the form besides
 * name and e-mail.
 */
public record RegistrationSettings(boolean enabled, String approval, List<Field> fields) {
    public static final List<String> APPROVALS = List.of("automatic", "manual");
    public static final RegistrationSettings DEFAULT = new RegistrationSettings(false, "automatic", List.of());

    /** An extra question: {@code key} names the answer in the API, {@code label} is what the form shows. */
    public record Field(String key, String label, boolean required) {}

    public RegistrationSettings {
        fields = List.copyOf(fields);
    }

    public boolean manualApproval() {
        return approval.equals("manual");
    }
}
