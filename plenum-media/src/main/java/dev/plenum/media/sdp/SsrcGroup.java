package dev.plenum.media.sdp;

import java.util.List;

/**
 * An {@code a=ssrc-group} line (RFC 5576 §4.2): {@code FID} pairs a primary SSRC with its retransmission SSRC
 * (RFC 4588), {@code SIM} lists simulcast layers from low to high, {@code FEC-FR} pairs a source with its FEC stream.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }
}
