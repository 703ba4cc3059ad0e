package dev.plenum.loadtest.signaling;

import dev.plenum.media.dtls.DtlsFingerprint;
import dev.plenum.media.sdp.Candidate;
import dev.plenum.media.sdp.Fingerprint;
import dev.plenum.media.sdp.MediaDescription;
import dev.plenum.media.sdp.SdpException;
import dev.plenum.media.sdp.SdpParser;
import dev.plenum.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a load-test participant needs of the server's offer (docs/signaling.md): the parsed description, the
 * server's ICE credentials and certificate fingerprint from the BUNDLE tag, and the UDP host candidate to check.
 *
 * @param candidate the server's UDP candidate, preferring one on {@code preferredHost} (the address the
 *     load tester reached the server's HTTP port on)
 */
public record ServerOffer(SessionDescription description, String iceUfrag, String icePwd, DtlsFingerprint fingerprint,
                          InetSocketAddress candidate) {

    /**
     * @throws SdpException if the SDP does not parse or lacks ICE credentials, a sha-256 fingerprint or a UDP
     *     candidate
     */
    public static ServerOffer parse(String sdp, String preferredHost) throws SdpException {
        SessionDescription d = SdpParser.parse(sdp);
        if (d.media().isEmpty()) throw new SdpException(0, "the offer has no m-sections");
        MediaDescription tag = d.media().getFirst();
        String ufrag = d.effectiveIceUfrag(tag).orElseThrow(() -> new SdpException(0, "the offer has no a=ice-ufrag"));
        String pwd = d.effectiveIcePwd(tag).orElseThrow(() -> new SdpException(0, "the offer has no a=ice-pwd"));
        List<Fingerprint> fingerprints = d.effectiveFingerprints(tag);
        Fingerprint fp = fingerprints.stream().filter(f -> f.algorithm().equals(DtlsFingerprint.SHA_256)).findFirst()
                .orElseThrow(() -> new SdpException(0, "the offer has no sha-256 a=fingerprint"));
        DtlsFingerprint fingerprint;
        try {
            fingerprint = DtlsFingerprint.parse(fp.algorithm() + " " + fp.value());
        } catch (IllegalArgumentException e) {
            throw new SdpException(0, "the offer's fingerprint: " + e.getMessage());
        }
        List<Candidate> udp = tag.candidates().stream().filter(c -> c.transport().equals("udp") && c.component() == 1).toList();
        if (udp.isEmpty()) throw new SdpException(0, "the offer has no UDP candidate");
        Candidate chosen = udp.stream().filter(c -> c.address().equals(preferredHost)).findFirst()
                .or(() -> udp.stream().filter(c -> !c.address().contains(":")).findFirst())
                .orElse(udp.getFirst());
        return new ServerOffer(d, ufrag, pwd, fingerprint, new InetSocketAddress(chosen.address(), chosen.port()));
    }
}
