package dev.plenum.media.sdp;

import dev.plenum.media.ice.IceCredentials;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the server's offer for one participant's PeerConnection says. The session id stays for the life of the
 * PeerConnection and the version grows with each new offer (RFC 8829 §5.2.2, RFC 8866 §5.2); {@link #next} makes the
 * spec of a renegotiation and checks that existing m-sections keep their place, since m-lines are never removed or
 * reordered, only recycled as inactive.
 *
 * @param sessionId      0 to 2^63-1, chosen at random when the PeerConnection is created
 * @param sessionVersion 0 to 2^63-1
 * @param fingerprint    the node certificate's sha-256 fingerprint
 * @param candidates     the server's host candidates, see {@link HostCandidates}
 * @param transceivers   in m-line order; the first is the BUNDLE tag. No m-section is ever rejected (port 0): a
 *                       retired slot is inactive, so the tag's transport, which all m-sections share, never goes
 */
public record OfferSpec(long sessionId, long sessionVersion, IceCredentials ice, Fingerprint fingerprint,
                        List<Candidate> candidates, List<Transceiver> transceivers) {
    public OfferSpec {
        candidates = List.copyOf(candidates);
        transceivers = List.copyOf(transceivers);
        if (sessionId < 0 || sessionVersion < 0) {
            throw new IllegalArgumentException("session id and version are non-negative");
        }
        if (!fingerprint.algorithm().equals("sha-256") || fingerprint.digestLength() != 32) {
            throw new IllegalArgumentException("the offer's fingerprint must be a well-formed sha-256 digest");
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("an ICE-lite offer needs at least one candidate");
        }
        for (Candidate c : candidates) {
            // The candidate is written verbatim into the SDP: no field may break the line grammar.
            if (!SendStream.token(c.foundation()) || !SendStream.token(c.transport()) || !SendStream.token(c.address())
                    || !SendStream.token(c.type()) || c.tcpType().filter(t -> !SendStream.token(t)).isPresent()) {
                throw new IllegalArgumentException("candidate fields must be printable tokens: " + c);
            }
        }
        if (transceivers.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one transceiver");
        }
        Set<String> mids = new HashSet<>();
        Set<Long> ssrcs = new HashSet<>();
        for (Transceiver t : transceivers) {
            if (!mids.add(t.mid())) {
                throw new IllegalArgumentException("duplicate mid " + t.mid());
            }
            if (t.send().isPresent()) {
                SendStream s = t.send().get();
                if (!ssrcs.add(s.ssrc()) || (s.rtxSsrc().isPresent() && !ssrcs.add(s.rtxSsrc().getAsLong()))) {
                    throw new IllegalArgumentException("SSRC used twice in one offer, at mid " + t.mid());
                }
            }
        }
    }

    /** The spec of the next offer: version + 1, the same m-sections first in the same order, new ones after. */
    public OfferSpec next(List<Transceiver> newTransceivers) {
        if (newTransceivers.size() < transceivers.size()) {
            throw new IllegalArgumentException("m-sections are recycled, never removed (RFC 8829 §5.2.2)");
        }
        for (int i = 0; i < transceivers.size(); i++) {
            Transceiver before = transceivers.get(i);
            Transceiver after = newTransceivers.get(i);
            if (!before.mid().equals(after.mid()) || before.kind() != after.kind()) {
                throw new IllegalArgumentException("m-section " + i + " was " + before.mid() + "/" + before.kind()
                        + " and must stay so");
            }
        }
        return new OfferSpec(sessionId, sessionVersion + 1, ice, fingerprint, candidates, newTransceivers);
    }
}
