package dev.plenum.media.sdp;

import java.util.Optional;

/**
 * What the {@code a=ssrc} lines (RFC 5576 §4.1) of one m-section say about one SSRC: its CNAME and, as Chromium still
 * writes it, its msid. The SSRC is an unsigned 32-bit value held in a long.
 */
public record Ssrc(long ssrc, Optional<String> cname, Optional<Msid> msid) {
}
