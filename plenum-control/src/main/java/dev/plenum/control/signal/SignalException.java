package dev.plenum.control.signal;

/** A signaling message that cannot be accepted; {@code field} names the offending JSON field when there is one. */
public final class SignalException extends Exception {
    private final String code;
    private final String field;

    public SignalException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
