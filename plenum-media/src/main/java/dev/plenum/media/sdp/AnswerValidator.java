package dev.plenum.media.sdp;

import dev.plenum.media.ice.IceCredentials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a browser's answer against the offer the server made and extracts a {@link RemoteDescription}.
 *
 * <p>Checks, in order, all collected so the participant (and the log) see every problem at once:
 * <ol>
 *   <li>same m-sections in the same order, same kinds and mids (RFC 8829 §5.3.1);</li>
 *   <li>the first m-section, the BUNDLE tag, is not rejected, and {@code a=group:BUNDLE} names every accepted mid
 *       with the tag first (RFC 9143 §7.3);</li>
 *   <li>rtcp-mux on every accepted RTP m-section (RFC 8829 §5.3.1, RFC 8035);</li>
 *   <li>ICE ufrag and pwd present and well-formed (RFC 8839 §5.4);</li>
 *   <li>a fingerprint with a supported hash and a digest of the right length (RFC 8122 §5);</li>
 *   <li>{@code a=setup} active or passive (RFC 8842 §5.3);</li>
 *   <li>directions legal replies to the offered ones, payload types among the offered ones with matching codecs;</li>
 *   <li>SSRC groups consistent, no SSRC on two mids, at most {@link #MAX_SSRCS_PER_MEDIA} SSRCs per m-section.</li>
 * </ol>
 * Transport attributes are read from the BUNDLE tag's m-section, falling back to session level: with BUNDLE only the
 * tag's transport is used (RFC 9143 §7.3.1).
 */
public final class AnswerValidator {
    /** Hash functions whose fingerprints the DTLS layer verifies, with digest lengths in bytes. */
    private static final Map<String, Integer> SUPPORTED_HASHES = Map.of("sha-256", 32, "sha-384", 48, "sha-512", 64);
    /** A browser sends at most 3 simulcast layers with RTX each; anything far beyond is abuse. */
    public static final int MAX_SSRCS_PER_MEDIA = 16;

    private AnswerValidator() {
    }

    public static RemoteDescription validate(SessionDescription offer, SessionDescription answer)
            throws SdpException {
        List<String> problems = new ArrayList<>();
        List<MediaDescription> offered = offer.media();
        List<MediaDescription> answered = answer.media();
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("the offer has no m-sections");
        }
        if (answered.size() != offered.size()) {
            problems.add("answer has " + answered.size() + " m-sections, the offer has " + offered.size());
            throw new SdpException(problems);
        }
        String tagMid = offered.getFirst().mid().orElse("");
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription o = offered.get(i);
            MediaDescription a = answered.get(i);
            String offeredMid = o.mid().orElse("");
            if (a.kind() != o.kind() || !a.media().equals(o.media())) {
                problems.add("m-section " + i + " is " + a.media() + ", the offer has " + o.media());
            }
            if (!a.protocol().equals(o.protocol())) {
                problems.add("m-section " + i + " uses protocol " + a.protocol() + ", the offer " + o.protocol());
            }
            if (a.mid().isEmpty()) {
                problems.add("m-section " + i + " has no a=mid (offered mid " + offeredMid + ")");
            } else if (!a.mid().get().equals(offeredMid)) {
                problems.add("m-section " + i + " has mid " + a.mid().get() + ", the offer has " + offeredMid);
            }
        }
        if (!problems.isEmpty()) {
            throw new SdpException(problems);
        }
        MediaDescription tag = answered.getFirst();
        if (tag.isRejected()) {
            problems.add("the BUNDLE tag m-section (mid " + tagMid + ") was rejected; it carries the transport");
        }
        checkBundle(answer, problems, tagMid);
        for (MediaDescription a : answered) {
            if (!a.isRejected() && a.isRtp() && !a.rtcpMux()) {
                problems.add("mid " + a.mid().get() + " lacks a=rtcp-mux; Plenum multiplexes RTP and RTCP (RFC 8035)");
            }
        }
        IceCredentials ice = ice(answer, tag, problems);
        Fingerprint fingerprint = fingerprint(answer.effectiveFingerprints(tag), problems);
        Setup setup = setup(answer, tag, problems);

        List<RemoteMedia> media = new ArrayList<>(answered.size());
        Set<Long> allSsrcs = new HashSet<>();
        for (int i = 0; i < answered.size(); i++) {
            media.add(remoteMedia(offered.get(i), answered.get(i), allSsrcs, problems));
        }
        if (!problems.isEmpty()) {
            throw new SdpException(problems);
        }
        return new RemoteDescription(ice, fingerprint, setup, media);
    }

    private static void checkBundle(SessionDescription answer, List<String> problems, String tagMid) {
        Optional<Group> bundle = answer.bundleGroup();
        if (bundle.isEmpty()) {
            problems.add("answer has no a=group:BUNDLE; Plenum carries all media on one transport (RFC 9143)");
            return;
        }
        List<String> mids = bundle.get().mids();
        if (mids.isEmpty() || !mids.getFirst().equals(tagMid)) {
            problems.add("BUNDLE group must start with the tag mid " + tagMid + ", got " + String.join(" ", mids));
        }
        Set<String> seen = new HashSet<>();
        for (String mid : mids) {
            Optional<MediaDescription> m = answer.mediaByMid(mid);
            if (!seen.add(mid)) {
                problems.add("BUNDLE group names mid " + mid + " twice");
            } else if (m.isEmpty()) {
                problems.add("BUNDLE group names mid " + mid + ", which is not in the answer");
            } else if (m.get().isRejected()) {
                problems.add("BUNDLE group names mid " + mid + ", which the answer rejected");
            }
        }
        for (MediaDescription m : answer.media()) {
            String mid = m.mid().orElse("");
            if (!m.isRejected() && !seen.contains(mid)) {
                problems.add("mid " + mid + " is accepted but not in the BUNDLE group");
            }
        }
    }

    private static IceCredentials ice(SessionDescription answer, MediaDescription tag, List<String> problems) {
        Optional<String> ufrag = answer.effectiveIceUfrag(tag);
        Optional<String> pwd = answer.effectiveIcePwd(tag);
        if (ufrag.isEmpty()) {
            problems.add("answer has no a=ice-ufrag");
        }
        if (pwd.isEmpty()) {
            problems.add("answer has no a=ice-pwd");
        }
        if (ufrag.isEmpty() || pwd.isEmpty()) {
            return null;
        }
        String problem = !IceCredentials.isIceChars(ufrag.get(), 4) ? "ice-ufrag must be 4 to 256 ice-chars (RFC 8839 §5.4)"
                : !IceCredentials.isIceChars(pwd.get(), 22) ? "ice-pwd must be 22 to 256 ice-chars (RFC 8839 §5.4)" : null;
        if (problem != null) {
            problems.add(problem);
            return null;
        }
        return new IceCredentials(ufrag.get(), pwd.get());
    }

    private static Fingerprint fingerprint(List<Fingerprint> fingerprints, List<String> problems) {
        if (fingerprints.isEmpty()) {
            problems.add("answer has no a=fingerprint; DTLS needs the browser's certificate fingerprint (RFC 8122)");
            return null;
        }
        List<String> seen = new ArrayList<>();
        for (Fingerprint f : fingerprints) {
            Integer length = SUPPORTED_HASHES.get(f.algorithm());
            if (length == null) {
                seen.add(f.algorithm());
                continue;
            }
            if (f.digestLength() != length) {
                problems.add("a=fingerprint " + f.algorithm() + " value is not " + length + " colon-separated hex "
                        + "bytes");
                return null;
            }
            return f;
        }
        problems.add("unsupported fingerprint hash " + String.join(", ", seen)
                + "; Plenum accepts sha-256, sha-384, sha-512");
        return null;
    }

    private static Setup setup(SessionDescription answer, MediaDescription tag, List<String> problems) {
        Optional<Setup> setup = answer.effectiveSetup(tag);
        if (setup.isEmpty()) {
            problems.add("answer has no a=setup; it must be active or passive (RFC 8842 §5.3)");
            return null;
        }
        if (setup.get() != Setup.ACTIVE && setup.get() != Setup.PASSIVE) {
            problems.add("answer has a=setup:" + setup.get().token() + "; an answer must be active or passive "
                    + "(RFC 8842 §5.3)");
            return null;
        }
        return setup.get();
    }

    private static RemoteMedia remoteMedia(MediaDescription o, MediaDescription a, Set<Long> allSsrcs,
                                           List<String> problems) {
        String mid = a.mid().orElseThrow();
        if (a.isRejected()) {
            return new RemoteMedia(mid, a.kind(), Direction.INACTIVE, true, List.of(), List.of(), List.of(),
                    Optional.empty(), List.of());
        }
        if (!a.direction().isLegalAnswerTo(o.direction())) {
            problems.add("mid " + mid + " answers " + a.direction().attribute() + " to an offered "
                    + o.direction().attribute());
        }
        List<Integer> payloadTypes = new ArrayList<>();
        if (a.isRtp()) {
            for (PayloadType p : a.payloadTypes()) {
                Optional<PayloadType> offeredPt = o.payloadType(p.number());
                if (offeredPt.isEmpty()) {
                    problems.add("mid " + mid + " answers payload type " + p.number() + ", which was not offered");
                } else if (p.rtpMap().isPresent()
                        && !p.encodingNameLowerCase().equals(offeredPt.get().encodingNameLowerCase())) {
                    problems.add("mid " + mid + " maps payload type " + p.number() + " to "
                            + p.rtpMap().get().encodingName() + ", the offer to "
                            + offeredPt.get().rtpMap().map(RtpMap::encodingName).orElse("nothing"));
                } else {
                    payloadTypes.add(p.number());
                }
            }
            if (payloadTypes.isEmpty()) {
                problems.add("mid " + mid + " has no payload type in common with the offer");
            }
        }
        List<Extmap> extmaps = new ArrayList<>();
        for (Extmap e : a.extmaps()) {
            if (o.extmaps().contains(e)) {
                extmaps.add(e);
            }
        }
        List<RemoteSsrc> ssrcs = ssrcs(mid, a, problems);
        for (RemoteSsrc s : ssrcs) {
            if (!allSsrcs.add(s.ssrc())) {
                problems.add("SSRC " + s.ssrc() + " of mid " + mid + " is also used by another m-section");
            }
        }
        Optional<Msid> msid = a.msids().stream().findFirst()
                .or(() -> a.ssrcs().stream().flatMap(s -> s.msid().stream()).findFirst());
        return new RemoteMedia(mid, a.kind(), a.direction(), false, payloadTypes, extmaps, ssrcs, msid, a.rids());
    }

    private static List<RemoteSsrc> ssrcs(String mid, MediaDescription a, List<String> problems) {
        if (a.ssrcs().size() > MAX_SSRCS_PER_MEDIA) {
            problems.add("mid " + mid + " announces " + a.ssrcs().size() + " SSRCs, more than "
                    + MAX_SSRCS_PER_MEDIA);
            return List.of();
        }
        Map<Long, SsrcRole> roles = new HashMap<>();
        Map<Long, Long> primaries = new HashMap<>();
        Map<Long, Integer> layers = new HashMap<>();
        for (SsrcGroup g : a.ssrcGroups()) {
            for (long s : g.ssrcs()) {
                if (a.ssrc(s).isEmpty()) {
                    problems.add("mid " + mid + " a=ssrc-group:" + g.semantics() + " names SSRC " + s
                            + " without a=ssrc line");
                    return List.of();
                }
            }
            switch (g.semantics()) {
                case "FID", "FEC-FR" -> {
                    if (g.ssrcs().size() != 2) {
                        problems.add("mid " + mid + " a=ssrc-group:" + g.semantics() + " needs exactly 2 SSRCs");
                        return List.of();
                    }
                    long primary = g.ssrcs().get(0);
                    long companion = g.ssrcs().get(1);
                    if (primary == companion || roles.containsKey(companion) || primaries.containsKey(primary)) {
                        problems.add("mid " + mid + " a=ssrc-group:" + g.semantics() + " " + primary + " "
                                + companion + " conflicts with another group");
                        return List.of();
                    }
                    roles.put(companion, g.semantics().equals("FID") ? SsrcRole.RTX : SsrcRole.FEC);
                    primaries.put(companion, primary);
                }
                case "SIM" -> {
                    for (int i = 0; i < g.ssrcs().size(); i++) {
                        layers.put(g.ssrcs().get(i), i);
                    }
                }
                default -> {
                    // Other semantics (e.g. FEC) are not used by Plenum; their SSRCs stay primary.
                }
            }
        }
        List<RemoteSsrc> out = new ArrayList<>(a.ssrcs().size());
        for (Ssrc s : a.ssrcs()) {
            SsrcRole role = roles.getOrDefault(s.ssrc(), SsrcRole.PRIMARY);
            if (role != SsrcRole.PRIMARY && roles.containsKey(primaries.get(s.ssrc()))) {
                problems.add("mid " + mid + " SSRC " + s.ssrc() + " protects SSRC " + primaries.get(s.ssrc())
                        + ", which is itself not original media");
            }
            out.add(new RemoteSsrc(s.ssrc(), role, primaries.getOrDefault(s.ssrc(), -1L),
                    role == SsrcRole.PRIMARY ? layers.getOrDefault(s.ssrc(), -1) : -1, s.cname(), s.msid()));
        }
        return out;
    }
}
