package dev.plenum.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A participant's own network: a namespace {@code plrN} joined to the host's by a veth pair, the host end
 * {@code 10.77.N.1/24} (where the node under test listens too) and the namespace end {@code 10.77.N.2/24}.
 * Its traffic can be cut or filtered with nftables inside the namespace, which vanishes with it. Needs root, as CI
 * has: without it the test fails saying so, never skips.
 */
final class NetworkNamespace implements AutoCloseable {
    /** The script that starts Chromium inside the namespace, made at the first launch. */
    private Path launcher;
    private static final String TABLE = "plr_filter";
    final String name;
    final String hostAddress;
    final String clientAddress;
    private final String hostVeth;
    /** The host's own table for {@link #dropOutgoing}; deleted with the namespace. */
    private final String hostTable;

    private NetworkNamespace(int n) {
        name = "plr" + n;
        hostVeth = name + "h";
        hostTable = name + "_uplink";
        hostAddress = "10.77." + n + ".1";
        clientAddress = "10.77." + n + ".2";
    }

    /** Creates namespace {@code plrN}; anything left by an earlier run under that name is deleted first. */
    static NetworkNamespace create(int n) {
        if (n < 1 || n > 254) throw new IllegalArgumentException("n must be 1..254");
        NetworkNamespace ns = new NetworkNamespace(n);
        ns.deleteQuietly();
        String peer = ns.name + "c";
        try {
            run("ip", "netns", "add", ns.name);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("this test needs root to create network namespaces (ip netns add), as CI "
                    + "runs it: " + e.getMessage(), e);
        }
        try {
            run("ip", "link", "add", ns.hostVeth, "type", "veth", "peer", "name", peer);
            run("ip", "link", "set", peer, "netns", ns.name);
            run("ip", "addr", "add", ns.hostAddress + "/24", "dev", ns.hostVeth);
            run("ip", "link", "set", ns.hostVeth, "up");
            ns.inside("ip", "addr", "add", ns.clientAddress + "/24", "dev", peer);
            ns.inside("ip", "link", "set", peer, "up");
            ns.inside("ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** Drops every packet in and out of the namespace except on its own loopback, as if its network went away. */
    void cut() {
        filter("drop");
    }

    /** Drops UDP in and out of the namespace except on its loopback; TCP still passes. */
    void blockUdp() {
        filter("meta", "l4proto", "udp", "drop");
    }

    /**
     * Limits what reaches the namespace to {@code kbit} kbit/s with a token bucket on the host's end of the pair
     * (tbf, 200 ms of queue): the participant's downlink, as on a weak mobile or rural line.
     */
    void limitDownlink(int kbit) {
        run("tc", "qdisc", "replace", "dev", hostVeth, "root", "tbf", "rate", kbit + "kbit", "burst", "4kb", "latency", "200ms");
    }

    /** Removes the limit {@link #limitDownlink} set. */
    void unlimitDownlink() {
        run("tc", "qdisc", "del", "dev", hostVeth, "root");
    }

    /**
     * Drops {@code percent} % of the UDP packets arriving in the namespace, at random (nftables {@code numgen
     * random}): random loss on the participant's downlink. What it sends is untouched.
     */
    void dropIncoming(int percent) {
        dropAtRandom("input", "iif", percent);
    }

    /**
     * Drops {@code percent} % of the UDP packets leaving the namespace, at random: loss on the uplink. The packets are
     * dropped where they arrive on the host's end of the pair (a table of the host's own, named after the namespace):
     * a drop in the namespace's output hook would fail the sender's {@code sendmsg}, which a browser notices.
     */
    void dropOutgoing(int percent) {
        checkPercent(percent);
        run("nft", "add", "table", "inet", hostTable);
        run("nft", "add", "chain", "inet", hostTable, "input", "{ type filter hook input priority 0; }");
        run("nft", "add", "rule", "inet", hostTable, "input", "iifname", hostVeth, "meta", "l4proto", "udp", "numgen",
                "random", "mod", "100", "<", Integer.toString(percent), "drop");
    }

    private void dropAtRandom(String hook, String interfaceMatch, int percent) {
        checkPercent(percent);
        inside("nft", "add", "table", "inet", TABLE);
        inside("nft", "add", "chain", "inet", TABLE, hook, "{ type filter hook " + hook + " priority 0; }");
        inside("nft", "add", "rule", "inet", TABLE, hook, interfaceMatch, "lo", "accept");
        inside("nft", "add", "rule", "inet", TABLE, hook, "meta", "l4proto", "udp", "numgen", "random", "mod", "100",
                "<", Integer.toString(percent), "drop");
    }

    private static void checkPercent(int percent) {
        if (percent < 1 || percent > 99) throw new IllegalArgumentException("percent must be 1..99");
    }

    /** Removes the filter set by {@link #cut}, {@link #blockUdp}, {@link #dropIncoming} or {@link #dropOutgoing}. */
    void restore() {
        try {
            inside("nft", "delete", "table", "inet", TABLE);
        } catch (IllegalStateException e) { // only the host's table was set
        }
        deleteHostTable();
    }

    private void deleteHostTable() {
        try {
            run("nft", "delete", "table", "inet", hostTable);
        } catch (IllegalStateException ignored) { // none was set
        }
    }

    private void filter(String... rule) {
        inside("nft", "add", "table", "inet", TABLE);
        for (String hook : List.of("input", "output")) {
            inside("nft", "add", "chain", "inet", TABLE, hook, "{ type filter hook " + hook + " priority 0; }");
            inside("nft", "add", "rule", "inet", TABLE, hook, hook.equals("input") ? "iif" : "oif", "lo", "accept");
            List<String> command = new java.util.ArrayList<>(List.of("nft", "add", "rule", "inet", TABLE, hook));
            command.addAll(List.of(rule));
            inside(command.toArray(String[]::new));
        }
    }

    /**
     * A headless Chromium running inside this namespace (through a launcher script that enters it, removed on
     * {@link #close}; Playwright talks to it over a pipe, not the network), allowed the camera on {@code origin}: plain
     * http on a non-loopback address is not a secure context.
     */
    Browser launchChromium(Playwright playwright, String origin) throws IOException {
        if (launcher == null) {
            launcher = Files.createTempFile(name + "-chromium", ".sh");
            Files.writeString(launcher, "#!/bin/sh\nexec ip netns exec " + name + " /usr/bin/chromium \"$@\"\n",
                    StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> flags = new ArrayList<>(BrowserHarness.CHROMIUM_FLAGS);
        flags.add("--unsafely-treat-insecure-origin-as-secure=" + origin);
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(launcher)
                .setHeadless(true).setArgs(flags));
    }

    private void inside(String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = name;
        System.arraycopy(command, 0, full, 4, command.length);
        run(full);
    }

    private void deleteQuietly() {
        deleteHostTable();
        try {
            run("ip", "netns", "del", name);
        } catch (IllegalStateException ignored) { // nothing left over
        }
        try {
            run("ip", "link", "del", hostVeth);
        } catch (IllegalStateException ignored) { // deleting the namespace took the pair with it
        }
    }

    /** Deletes the namespace; its veth pair and nftables go with it. */
    @Override
    public void close() {
        deleteQuietly();
        if (launcher != null) {
            try {
                Files.deleteIfExists(launcher);
            } catch (IOException ignored) { // a temporary file; the OS cleans it eventually
            }
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
