package dev.plenum.media.srtp;

import java.util.HexFormat;

final class Hex {
    private Hex() {}

    /** Parses hex digits, ignoring whitespace, as the RFCs print them. */
    static byte[] bytes(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
