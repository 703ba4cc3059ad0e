package dev.plenum.media.srtp;

import java.util.Arrays;

/**
 * The negotiated profile and the two master keys of a DTLS-SRTP association: {@code local} protects what this
 * endpoint sends, {@code remote} unprotects what it receives.
 */
public record SrtpKeys(SrtpProfile profile, SrtpMasterKey local, SrtpMasterKey remote) {

    /** The exporter label for DTLS-SRTP keying material (RFC 5764 §4.2). */
    public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    public SrtpKeys {
        check(profile, local);
        check(profile, remote);
    }

    /**
     * Splits DTLS exported keying material, laid out as client_write_SRTP_master_key, server_write_SRTP_master_key,
     * client_write_SRTP_master_salt, server_write_SRTP_master_salt (RFC 5764 §4.2).
     *
     * @param dtlsClient whether this endpoint was the DTLS client; the client sends with the client keys
     * @throws IllegalArgumentException if the material is not exactly {@link SrtpProfile#keyingMaterialLength()}
     */
    public static SrtpKeys fromDtlsKeyingMaterial(SrtpProfile profile, byte[] material, boolean dtlsClient) {
        if (material.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material for " + profile + " must be "
                    + profile.keyingMaterialLength() + " bytes, got " + material.length);
        }
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
        SrtpMasterKey client = new SrtpMasterKey(clientKey, clientSalt);
        SrtpMasterKey server = new SrtpMasterKey(serverKey, serverSalt);
        return dtlsClient ? new SrtpKeys(profile, client, server) : new SrtpKeys(profile, server, client);
    }

    private static void check(SrtpProfile profile, SrtpMasterKey key) {
        if (key.key().length != profile.masterKeyLength() || key.salt().length != profile.masterSaltLength()) {
            throw new IllegalArgumentException("master key/salt lengths do not match " + profile);
        }
    }
}
