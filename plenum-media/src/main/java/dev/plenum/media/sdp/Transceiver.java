package dev.plenum.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One m-section of a participant's PeerConnection as the server sees it. Direction is the server's:
 * {@link Direction#RECVONLY} for a track the participant publishes, {@link Direction#SENDONLY} for a track it
 * receives (with a {@link SendStream}), {@link Direction#INACTIVE} for a retired slot kept so m-line order stays stable
 * across renegotiations (RFC 8829 §5.2.2). A receiving video slot may ask for simulcast: {@code receiveRids} names
 * the layers the browser is to send, lowest first (RFC 8851 {@code a=rid}, RFC 8853 {@code a=simulcast:recv}).
 */
public record Transceiver(String mid, MediaKind kind, Direction direction, Optional<SendStream> send,
                          List<String> receiveRids) {
    public Transceiver(String mid, MediaKind kind, Direction direction, Optional<SendStream> send) {
        this(mid, kind, direction, send, List.of());
    }

    public Transceiver {
        receiveRids = List.copyOf(receiveRids);
        if (!receiveRids.isEmpty() && (direction != Direction.RECVONLY || kind != MediaKind.VIDEO)) {
            throw new IllegalArgumentException("only a receiving video slot asks for simulcast: mid " + mid);
        }
        for (String rid : receiveRids) {
            // RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_"); Plenum keeps them short.
            if (!rid.matches("[A-Za-z0-9_-]{1,16}")) throw new IllegalArgumentException("bad rid '" + rid + "'");
        }
        if (receiveRids.stream().distinct().count() != receiveRids.size()) {
            throw new IllegalArgumentException("rids must differ: " + receiveRids);
        }
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

    /** A receiving video slot where the browser sends simulcast layers named {@code rids}, lowest first. */
    public static Transceiver receivingSimulcast(String mid, List<String> rids) {
        return new Transceiver(mid, MediaKind.VIDEO, Direction.RECVONLY, Optional.empty(), rids);
    }

    public static Transceiver sending(String mid, MediaKind kind, SendStream send) {
        return new Transceiver(mid, kind, Direction.SENDONLY, Optional.of(send));
    }

    public static Transceiver retired(String mid, MediaKind kind) {
        return new Transceiver(mid, kind, Direction.INACTIVE, Optional.empty());
    }
}
