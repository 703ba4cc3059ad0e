package dev.plenum.media.sdp;

/**
 * An {@code a=} line this package does not interpret, kept as written: name and value, empty for a property
 * attribute such as {@code a=extmap-allow-mixed}.
 */
public record Attribute(String name, String value) {
}
