package dev.plenum.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * An immutable parsed SDP (RFC 8866) with the session-level attributes JSEP uses (RFC 8829 §5.8). Attributes that
 * RFC 8839 and RFC 8842 allow at either level (ICE credentials, fingerprint, setup) are kept where they were written;
 * the {@code effective*} methods resolve them for one m-section, media level first.
 *
 * @param otherAttributes every session-level attribute not interpreted here, in order
 */
public record SessionDescription(
        Origin origin, String sessionName, boolean iceLite,
        Optional<String> iceUfrag, Optional<String> icePwd, List<Fingerprint> fingerprints, Optional<Setup> setup,
        List<Group> groups, List<MediaDescription> media, List<Attribute> otherAttributes) {

    public SessionDescription {
        fingerprints = List.copyOf(fingerprints);
        groups = List.copyOf(groups);
        media = List.copyOf(media);
        otherAttributes = List.copyOf(otherAttributes);
    }

    /** The first {@code a=group:BUNDLE}, if any (RFC 9143 §7). */
    public Optional<Group> bundleGroup() {
        return groups.stream().filter(g -> g.semantics().equals("BUNDLE")).findFirst();
    }

    public Optional<MediaDescription> mediaByMid(String mid) {
        return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
    }

    public Optional<String> effectiveIceUfrag(MediaDescription m) {
        return m.iceUfrag().or(this::iceUfrag);
    }

    public Optional<String> effectiveIcePwd(MediaDescription m) {
        return m.icePwd().or(this::icePwd);
    }

    public List<Fingerprint> effectiveFingerprints(MediaDescription m) {
        return m.fingerprints().isEmpty() ? fingerprints : m.fingerprints();
    }

    public Optional<Setup> effectiveSetup(MediaDescription m) {
        return m.setup().or(this::setup);
    }
}
