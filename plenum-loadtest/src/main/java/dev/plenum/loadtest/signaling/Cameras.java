package dev.plenum.loadtest.signaling;

import dev.plenum.media.sdp.Direction;
import dev.plenum.media.sdp.MediaDescription;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.sdp.Msid;
import dev.plenum.media.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Whose cameras an offer sends: each {@code sendonly} video section's {@code a=msid} stream id, which the SFU sets to
 * the publisher's participant id (a shared screen's is {@code screen-<id>}, left out).
 */
public final class Cameras {
    private static final String SCREEN_PREFIX = "screen-";

    private Cameras() {}

    public static List<String> participantIds(SessionDescription offer) {
        List<String> ids = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            if (m.isRejected() || m.kind() != MediaKind.VIDEO || m.direction() != Direction.SENDONLY) continue;
            for (Msid msid : m.msids()) {
                String id = msid.streamId();
                if (!id.startsWith(SCREEN_PREFIX) && !ids.contains(id)) ids.add(id);
            }
        }
        return ids;
    }
}
