package dev.plenum.media.sdp;

import dev.plenum.media.ice.IceCredentials;
import java.util.List;
import java.util.Optional;

/**
 * A participant's validated answer, reduced to what the media plane acts on: the ICE credentials to check its STUN
 * requests (RFC 8445 §7.3), the fingerprint to verify its DTLS certificate (RFC 8122 §5), the DTLS role, and per mid
 * what flows.
 *
 * @param setup {@link Setup#ACTIVE} when the browser is the DTLS client (the usual case), {@link Setup#PASSIVE} when
 *              the server must be
 * @param media in m-line order, one per m-section of the offer
 */
public record RemoteDescription(IceCredentials ice, Fingerprint fingerprint, Setup setup, List<RemoteMedia> media) {
    public RemoteDescription {
        media = List.copyOf(media);
    }

    /** Whether the server acts as DTLS client (RFC 8842 §5.3: the answerer said passive). */
    public boolean serverIsDtlsClient() {
        return setup == Setup.PASSIVE;
    }

    public Optional<RemoteMedia> media(String mid) {
        return media.stream().filter(m -> m.mid().equals(mid)).findFirst();
    }
}
