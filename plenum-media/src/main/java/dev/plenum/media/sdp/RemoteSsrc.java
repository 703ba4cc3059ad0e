package dev.plenum.media.sdp;

import java.util.Optional;

/**
 * An SSRC a participant announced for one m-section.
 *
 * @param primarySsrc    for {@link SsrcRole#RTX} and {@link SsrcRole#FEC}, the SSRC it protects; otherwise -1
 * @param simulcastLayer for a member of an {@code a=ssrc-group:SIM}, its index from 0 (lowest); otherwise -1
 */
public record RemoteSsrc(long ssrc, SsrcRole role, long primarySsrc, int simulcastLayer, Optional<String> cname,
                         Optional<Msid> msid) {
}
