package dev.plenum.media.stun;

/**
 * Outcome of {@link StunParser#parse}: either the parsed message or a reason why the bytes are not a well-formed
 * STUN message. The parser never throws on bad input; it returns {@link Invalid} instead.
 */
public sealed interface StunParseResult permits StunMessage, StunParseResult.Invalid {

    /** Why a datagram was rejected. Each reason has one shared {@link Invalid} instance so rejecting allocates nothing. */
    enum Reason {
        /** offset/length do not describe a region inside the buffer. */
        BAD_SLICE,
        TOO_SHORT,
        NOT_STUN_HEADER,
        BAD_MAGIC_COOKIE,
        LENGTH_MISMATCH,
        LENGTH_NOT_MULTIPLE_OF_4,
        ATTRIBUTE_OVERRUN,
        BAD_ATTRIBUTE_LENGTH,
        BAD_ATTRIBUTE_VALUE,
        ATTRIBUTE_AFTER_FINGERPRINT;

        private final Invalid invalid = new Invalid(this);

        /** The shared result for this reason. */
        public Invalid result() {
            return invalid;
        }
    }

    /** The input is not a well-formed STUN message. */
    record Invalid(Reason reason) implements StunParseResult {}

    /** True for a parsed message. */
    default boolean isValid() {
        return this instanceof StunMessage;
    }
}
