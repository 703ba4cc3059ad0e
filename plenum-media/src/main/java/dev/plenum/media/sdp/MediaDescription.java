package dev.plenum.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One m-section (RFC 8866 §5.14 and the attributes JSEP uses, RFC 8829 §5.8). Values given at session level and
 * inherited by default (direction) are already applied; ICE credentials, fingerprints and setup are kept where they
 * were written, see {@link SessionDescription} for the effective values.
 *
 * @param kind            the media type; {@code media} holds the token as written
 * @param port            0 means the m-section is rejected or stopped (RFC 8829 §5.2.2)
 * @param formats         the format list as written; for RTP protocols these are the payload type numbers
 * @param payloadTypes    one entry per RTP payload type of the m-line, in m-line order; empty for non-RTP protocols
 * @param ssrcs           one entry per SSRC named by {@code a=ssrc}, in order of first appearance
 * @param rids            raw {@code a=rid} values (RFC 8851), kept for the simulcast layer
 * @param simulcast       raw {@code a=simulcast} value (RFC 8853)
 * @param otherAttributes every attribute not interpreted here, in order
 */
public record MediaDescription(
        MediaKind kind, String media, int port, String protocol, List<String> formats,
        Optional<String> mid, Direction direction, boolean rtcpMux, boolean rtcpRsize,
        Optional<String> iceUfrag, Optional<String> icePwd, List<Fingerprint> fingerprints, Optional<Setup> setup,
        List<PayloadType> payloadTypes, List<Extmap> extmaps, List<Ssrc> ssrcs, List<SsrcGroup> ssrcGroups,
        List<Msid> msids, List<String> rids, Optional<String> simulcast,
        List<Candidate> candidates, boolean endOfCandidates, List<Attribute> otherAttributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        fingerprints = List.copyOf(fingerprints);
        payloadTypes = List.copyOf(payloadTypes);
        extmaps = List.copyOf(extmaps);
        ssrcs = List.copyOf(ssrcs);
        ssrcGroups = List.copyOf(ssrcGroups);
        msids = List.copyOf(msids);
        rids = List.copyOf(rids);
        candidates = List.copyOf(candidates);
        otherAttributes = List.copyOf(otherAttributes);
    }

    /** A port of zero rejects the m-section (RFC 3264 §6, RFC 8829 §5.3.1). */
    public boolean isRejected() {
        return port == 0;
    }

    /** Whether the protocol carries RTP (e.g. {@code UDP/TLS/RTP/SAVPF}), so formats are payload types. */
    public boolean isRtp() {
        return SdpParser.isRtpProtocol(protocol);
    }

    public Optional<PayloadType> payloadType(int number) {
        for (PayloadType p : payloadTypes) {
            if (p.number() == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Optional<Ssrc> ssrc(long ssrc) {
        for (Ssrc s : ssrcs) {
            if (s.ssrc() == ssrc) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
