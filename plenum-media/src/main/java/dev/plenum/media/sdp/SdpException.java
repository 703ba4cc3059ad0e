package dev.plenum.media.sdp;

import java.util.List;

/**
 * The one exception type of this package: an SDP text that cannot be parsed, or an answer that Plenum cannot accept.
 *
 * <p>It is checked on purpose: SDP arrives from an untrusted browser over signaling, and the caller must answer the
 * participant with an error rather than let a surprise escape. {@link #lineNumber()} is 1-based and names the offending
 * line of the parsed text, or is 0 when the problem concerns the description as a whole (for instance, a validation
 * failure of an answer against the offer). {@link #problems()} lists every problem found when more than one was
 * collected; the message names them all.
 */
public final class SdpException extends Exception {
    private final int lineNumber;
    private final List<String> problems;

    public SdpException(int lineNumber, String problem) {
        super(lineNumber > 0 ? "SDP line " + lineNumber + ": " + problem : problem);
        this.lineNumber = lineNumber;
        this.problems = List.of(problem);
    }

    /** A validation failure that is not tied to one line; {@code problems} must not be empty. */
    public SdpException(List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.lineNumber = 0;
        this.problems = List.copyOf(problems);
    }

    /** The 1-based line number of the offending line, or 0 when the problem is not tied to one line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Every problem found, each a sentence naming what is wrong. */
    public List<String> problems() {
        return problems;
    }
}
