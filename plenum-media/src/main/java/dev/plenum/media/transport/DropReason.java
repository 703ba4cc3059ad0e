package dev.plenum.media.transport;

import java.util.Locale;

/** Why the transport layer discarded a packet or a connection; each is a label on the drop counter. */
public enum DropReason {
    /** First byte matches no protocol we speak (RFC 7983 §7). */
    UNCLASSIFIED,
    /** DTLS, RTP or RTCP from a remote address no participant is registered for. */
    UNKNOWN_SOURCE,
    /** Classified, but shorter than the smallest well-formed packet of its type, or an empty RFC 4571 frame. */
    MALFORMED,
    /** An RFC 4571 frame longer than the configured maximum; the TCP connection is closed. */
    OVERSIZE,
    /** An ICE-TCP connection beyond the configured limit; closed on accept. */
    CONNECTION_LIMIT,
    /** Outbound packet dropped because the channel's write buffer is above its high water mark. */
    SEND_QUEUE_FULL,
    /** Outbound packet dropped because the channel is closed or the write failed. */
    SEND_FAILED,
    /** RTP from a participant whose role does not let it publish (an attendee in a webinar). */
    NOT_PUBLISHER,
    /** A packet a recorder's queue had no room for: the recording has a gap; forwarding goes on unaffected. */
    RECORDER_QUEUE_FULL;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The metric label value, e.g. {@code unknown_source}. */
    public String label() {
        return label;
    }
}
