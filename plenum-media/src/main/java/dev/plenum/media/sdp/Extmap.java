package dev.plenum.media.sdp;

/** An {@code a=extmap} line (RFC 8285 §8): the local identifier and URI of an RTP header extension. */
public record Extmap(int id, String uri) {
}
