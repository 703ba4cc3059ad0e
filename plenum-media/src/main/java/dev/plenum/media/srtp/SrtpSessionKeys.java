package dev.plenum.media.srtp;

/**
 * Session keys for one direction, derived once from a master key (RFC 3711 §4.3 with key_derivation_rate 0).
 * The auth keys are empty for the AEAD profile. Package-private arrays are never handed out.
 */
record SrtpSessionKeys(byte[] rtpEncKey, byte[] rtpAuthKey, byte[] rtpSalt,
                       byte[] rtcpEncKey, byte[] rtcpAuthKey, byte[] rtcpSalt) {

    @Override
    public String toString() { return "SrtpSessionKeys[<redacted>]"; }
}
