package dev.plenum.loadtest;

/** A load test that could not run; the message is for the user, the exit code for scripts. */
public final class LoadTestException extends Exception {
    /** The server could not be reached or did not behave like Plenum. */
    public static final int UNREACHABLE = 3;
    /** The run started but no participant connected. */
    public static final int NOTHING_CONNECTED = 4;

    private final int exitCode;

    public LoadTestException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
