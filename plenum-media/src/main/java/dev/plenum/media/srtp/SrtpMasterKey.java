package dev.plenum.media.srtp;

import java.util.Arrays;

/**
 * One direction's SRTP master key and master salt (RFC 3711 §3.2.1). The arrays are copied in and out so a
 * holder cannot change the key under a running transformer; {@link #toString()} never prints key material.
 */
public record SrtpMasterKey(byte[] key, byte[] salt) {

    public SrtpMasterKey {
        key = key.clone();
        salt = salt.clone();
    }

    @Override
    public byte[] key() { return key.clone(); }

    @Override
    public byte[] salt() { return salt.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpMasterKey other && Arrays.equals(key, other.key) && Arrays.equals(salt, other.salt);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(key) + Arrays.hashCode(salt); }

    @Override
    public String toString() { return "SrtpMasterKey[key=<" + key.length + " bytes>, salt=<" + salt.length + " bytes>]"; }
}
