package dev.plenum.media.dtls;

import java.util.Arrays;

/**
 * The outcome of a successful DTLS-SRTP handshake: the negotiated protection profile and the exported keying
 * material, laid out as RFC 5764 §4.2 says:
 * {@code client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt |
 * server_write_SRTP_master_salt}.
 *
 * <p>The local side protects what it sends with its own write key and salt: the client's when {@code isServer}
 * is false, the server's when it is true; it unprotects with the other pair.
 *
 * @param profileId the negotiated SRTPProtectionProfile value (see {@link SrtpProtectionProfile#id()})
 * @param keyingMaterial the exported bytes, {@code 2 * (key + salt)} long; this record owns the array
 * @param isServer whether the local endpoint was the DTLS server
 */
public record DtlsSrtpKeys(int profileId, byte[] keyingMaterial, boolean isServer) {

    public DtlsSrtpKeys {
        SrtpProtectionProfile p = SrtpProtectionProfile.byId(profileId);
        if (p == null) {
            throw new IllegalArgumentException("unsupported SRTP protection profile 0x" + Integer.toHexString(profileId));
        }
        if (keyingMaterial.length != p.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material must be " + p.keyingMaterialLength() + " bytes for " + p);
        }
    }

    public SrtpProtectionProfile profile() {
        return SrtpProtectionProfile.byId(profileId);
    }

    public byte[] clientMasterKey() {
        int k = profile().keyLength();
        return Arrays.copyOfRange(keyingMaterial, 0, k);
    }

    public byte[] serverMasterKey() {
        int k = profile().keyLength();
        return Arrays.copyOfRange(keyingMaterial, k, 2 * k);
    }

    public byte[] clientMasterSalt() {
        int k = profile().keyLength();
        int s = profile().saltLength();
        return Arrays.copyOfRange(keyingMaterial, 2 * k, 2 * k + s);
    }

    public byte[] serverMasterSalt() {
        int k = profile().keyLength();
        int s = profile().saltLength();
        return Arrays.copyOfRange(keyingMaterial, 2 * k + s, 2 * k + 2 * s);
    }

    /** Key for protecting what this endpoint sends. */
    public byte[] localMasterKey() {
        return isServer ? serverMasterKey() : clientMasterKey();
    }

    /** Salt for protecting what this endpoint sends. */
    public byte[] localMasterSalt() {
        return isServer ? serverMasterSalt() : clientMasterSalt();
    }

    /** Key for unprotecting what the peer sends. */
    public byte[] remoteMasterKey() {
        return isServer ? clientMasterKey() : serverMasterKey();
    }

    /** Salt for unprotecting what the peer sends. */
    public byte[] remoteMasterSalt() {
        return isServer ? clientMasterSalt() : serverMasterSalt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsSrtpKeys other
                && profileId == other.profileId
                && isServer == other.isServer
                && Arrays.equals(keyingMaterial, other.keyingMaterial);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * profileId + Boolean.hashCode(isServer)) + Arrays.hashCode(keyingMaterial);
    }

    /** Never prints key bytes. */
    @Override
    public String toString() {
        return "DtlsSrtpKeys[" + profile() + ", isServer=" + isServer + "]";
    }
}
