package dev.plenum.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * What the media plane needs of one m-section of a validated answer.
 *
 * @param direction    the browser's direction as it answered (sendonly: it publishes on this mid)
 * @param rejected     the browser rejected the m-section (port 0); nothing flows on it
 * @param payloadTypes the negotiated payload types, in the browser's order of preference
 * @param extmaps      the negotiated header extensions (offered and answered with the same id and URI)
 * @param ssrcs        the SSRCs the browser announced, primaries and their RTX/FEC companions
 * @param msid         the browser's msid for the track it sends, if any
 * @param rids         raw {@code a=rid} values (RFC 8851) when the browser sends simulcast by RID
 */
public record RemoteMedia(String mid, MediaKind kind, Direction direction, boolean rejected, List<Integer> payloadTypes,
                          List<Extmap> extmaps, List<RemoteSsrc> ssrcs, Optional<Msid> msid, List<String> rids) {
    public RemoteMedia {
        payloadTypes = List.copyOf(payloadTypes);
        extmaps = List.copyOf(extmaps);
        ssrcs = List.copyOf(ssrcs);
        rids = List.copyOf(rids);
    }

    /** The SSRCs of original media, without RTX or FEC. */
    public List<RemoteSsrc> primarySsrcs() {
        return ssrcs.stream().filter(s -> s.role() == SsrcRole.PRIMARY).toList();
    }

    /** The RIDs the browser sends ({@code a=rid:<id> send}, RFC 8851 §4), in its order. */
    public List<String> sendRids() {
        return rids.stream().map(r -> r.trim().split("\\s+")).filter(p -> p.length >= 2 && p[1].equals("send"))
                .map(p -> p[0]).toList();
    }

    /** The RTX SSRC protecting {@code primary}, or -1. */
    public long rtxFor(long primary) {
        for (RemoteSsrc s : ssrcs) {
            if (s.role() == SsrcRole.RTX && s.primarySsrc() == primary) {
                return s.ssrc();
            }
        }
        return -1;
    }
}
