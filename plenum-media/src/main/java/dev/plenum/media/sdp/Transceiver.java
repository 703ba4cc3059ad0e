package dev.plenum.media.sdp;

import java.util.Optional;

/**
 * One m-section of a participant's PeerConnection as the server sees it. Direction is the server's:
 * {@link Direction#RECVONLY} for a track the participant publishes, {@link Direction#SENDONLY} for a track it
 * receives (with a {@link SendStream}), {@link Direction#INACTIVE} for a retired slot kept so m-line order stays stable
 * across renegotiations (RFC 8829 §5.2.2).
 */
public record Transceiver(String mid, MediaKind kind, Direction direction, Optional<SendStream> send) {
    public Transceiver {
        if (!SendStream.token(mid) || mid.length() > 32) {
            throw new IllegalArgumentException("mid must be 1 to 32 token characters: '" + mid + "'");
        }
        if (kind != MediaKind.AUDIO && kind != MediaKind.VIDEO) {
            throw new IllegalArgumentException("Plenum transceivers are audio or video, not " + kind);
        }
        if (direction == Direction.SENDRECV) {
            throw new IllegalArgumentException("the server never offers sendrecv: a slot either sends or receives");
        }
        if (direction == Direction.SENDONLY) {
            SendStream s = send.orElseThrow(() -> new IllegalArgumentException("sendonly mid " + mid
                    + " needs a SendStream"));
            if (kind == MediaKind.VIDEO && s.rtxSsrc().isEmpty()) {
                throw new IllegalArgumentException("sendonly video mid " + mid + " needs an RTX SSRC");
            }
            if (kind == MediaKind.AUDIO && s.rtxSsrc().isPresent()) {
                throw new IllegalArgumentException("audio mid " + mid + " has no RTX");
            }
        } else if (send.isPresent()) {
            throw new IllegalArgumentException(direction.attribute() + " mid " + mid + " sends nothing");
        }
    }

    public static Transceiver receiving(String mid, MediaKind kind) {
        return new Transceiver(mid, kind, Direction.RECVONLY, Optional.empty());
    }

    public static Transceiver sending(String mid, MediaKind kind, SendStream send) {
        return new Transceiver(mid, kind, Direction.SENDONLY, Optional.of(send));
    }

    public static Transceiver retired(String mid, MediaKind kind) {
        return new Transceiver(mid, kind, Direction.INACTIVE, Optional.empty());
    }
}
