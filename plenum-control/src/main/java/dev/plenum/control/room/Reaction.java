package dev.plenum.control.room;

import java.util.Arrays;
import java.util.Optional;

/** The few reactions a participant may send; each is shown briefly on the sender's tile. Wire names are stable. */
public enum Reaction {
    THUMBS_UP("thumbs-up"), CLAP("clap"), LAUGH("laugh"), HEART("heart"), CELEBRATE("celebrate"), SURPRISED("surprised");

    private final String wireName;

    Reaction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Reaction> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
