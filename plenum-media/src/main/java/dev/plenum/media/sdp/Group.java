package dev.plenum.media.sdp;

import java.util.List;

/** An {@code a=group} line (RFC 5888 §5), e.g. {@code BUNDLE 0 1 2}; the first mid of BUNDLE is its tag (RFC 9143). */
public record Group(String semantics, List<String> mids) {
    public Group {
        mids = List.copyOf(mids);
    }
}
