package dev.plenum.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad arguments and an unreachable server end with a clear message and an exit code, never a stack trace. */
class LoadTestCommandTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LoadTestCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--bogus'").doesNotContain("\tat ");
    }

    @Test
    void impossibleNumbersAreUsageErrorsNamingTheOption() {
        assertThat(run("--rooms", "0").err()).contains("--rooms");
        assertThat(run("--rooms", "0").exitCode()).isEqualTo(2);
        assertThat(run("-p", "0", "-s", "0").exitCode()).isEqualTo(2);
        assertThat(run("--sample", "0").err()).contains("--sample");
        assertThat(run("--duration", "-1").exitCode()).isEqualTo(2);
        assertThat(run("--url", "ftp://x").err()).contains("--url").doesNotContain("\tat ");
        assertThat(run("-p", "abc").exitCode()).isEqualTo(2);
        assertThat(run("--signaling-only", "-1").err()).contains("--signaling-only");
        assertThat(run("--event-interval", "0.1").err()).contains("--event-interval");
        assertThat(run("--tile-height", "-1").err()).contains("--tile-height");
        assertThat(run("--simulcast=maybe").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerIsExitCodeThree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Run r = run("--url", "http://127.0.0.1:" + port, "-d", "1", "--json", "");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach Plenum at http://127.0.0.1:" + port).doesNotContain("\tat ");
    }

    @Test
    void anUnknownHostIsExitCodeThreeAndSaysSo() {
        Run r = run("--url", "http://plenum.invalid:8080", "-d", "1");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach Plenum at http://plenum.invalid:8080: unknown host");
    }
}
