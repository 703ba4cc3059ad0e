package dev.plenum.media.session;

import dev.plenum.media.dtls.DtlsSrtpKeys;
import dev.plenum.media.srtp.SrtpKeys;
import dev.plenum.media.srtp.SrtpProfile;

/** Turns what a finished DTLS-SRTP handshake exported (RFC 5764 §4.2) into the SRTP master keys of each direction. */
public final class SrtpSessionKeys {
    private SrtpSessionKeys() {
    }

    public static SrtpKeys from(DtlsSrtpKeys exported) {
        SrtpProfile profile = SrtpProfile.byDtlsProfileId(exported.profileId()).orElseThrow(() ->
                new IllegalArgumentException("DTLS negotiated an SRTP profile Plenum does not implement: " + exported.profileId()));
        return SrtpKeys.fromDtlsKeyingMaterial(profile, exported.keyingMaterial(), !exported.isServer());
    }
}
