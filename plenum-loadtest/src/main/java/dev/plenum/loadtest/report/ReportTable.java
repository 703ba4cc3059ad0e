package dev.plenum.loadtest.report;

import dev.plenum.loadtest.measure.RoomEventDelays;
import java.util.Locale;
import java.util.Map;

/** The end-of-run table, plain text for a terminal. */
public final class ReportTable {
    private ReportTable() {}

    public static String format(LoadTestReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nPlenum load test: %s, %d publishers, %d subscribers, %d rooms, %.1f s%n",
                r.server(), r.publishers(), r.subscribers(), r.rooms(), r.seconds()));
        sb.append(String.format(Locale.ROOT, "participants connected %d/%d; join (request to SRTP keyed) p50 %.0f ms, p99 %.0f ms"
                + " (p50 to the offer %.0f ms, to ICE %.0f ms)%n", r.connected(), r.participants(), r.joinP50Millis(),
                r.joinP99Millis(), r.offerP50Millis(), r.iceP50Millis()));
        for (Map.Entry<String, Integer> f : r.failures().entrySet()) {
            sb.append(String.format(Locale.ROOT, "  failed ×%d: %s%n", f.getValue(), f.getKey()));
        }
        sb.append(String.format(Locale.ROOT, "publishers sent %d RTP packets (%.1f MB), %d keyframes (%d on request)%n",
                r.publishersSentPackets(), r.publishersSentBytes() / 1e6, r.keyframesSent(), r.keyframeRequests()));
        LoadTestReport.LossRecovery lr = r.lossRecovery();
        if (r.publishers() + r.subscribers() > 0) {
            sb.append(String.format(Locale.ROOT, "loss recovery: %d packets dropped on purpose (--loss), %d sequence "
                    + "numbers NACKed, %d RTX received, %d lost packets repaired; publishers answered %d NACKed "
                    + "packets with RTX%n", lr.dropped(), lr.nackedSequences(), lr.rtxReceived(), lr.repaired(),
                    lr.publisherRetransmissions()));
        }
        if (!r.receivedVideoSizes().isEmpty()) {
            StringBuilder sizes = new StringBuilder();
            for (Map.Entry<String, Integer> e : r.receivedVideoSizes().entrySet()) {
                sizes.append(sizes.isEmpty() ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue());
            }
            sb.append("video tracks received at (last key frame's size): ").append(sizes).append(System.lineSeparator());
        }
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-6s %6s %10s %9s %10s %8s %8s %8s %10s %10s %10s %9s%n", "kind", "tracks",
                "packets", "pkt/s/tr", "kbit/s/tr", "loss %", "jit ms", "jit max", "delay p50", "delay p99",
                "delay max", "decrypted"));
        for (StreamSummary s : new StreamSummary[] {r.audio(), r.video(), r.all()}) {
            sb.append(String.format(Locale.ROOT, "%-6s %6d %10d %9.1f %10.1f %8.3f %8.2f %8.2f %10.2f %10.2f %10.2f %9d%n",
                    s.kind(), s.tracks(), s.packets(), s.packetsPerSecondPerTrack(), s.kbpsPerTrack(), s.lossPercent(),
                    s.jitterMeanMillis(), s.jitterMaxMillis(), s.delayP50Millis(), s.delayP99Millis(),
                    s.delayMaxMillis(), s.decrypted()));
        }
        if (r.measuredFromSeconds() < 0) {
            sb.append("(no steady state: participants were still joining near the end, so no delays were recorded)\n");
        } else {
            sb.append(String.format(Locale.ROOT, "(delays in ms: publisher send to subscriber receive on this host, from "
                    + "%.1f s on; %.1f%% of packets decrypted per track)%n", r.measuredFromSeconds(), r.samplePercent()));
        }
        ServerUsage u = r.serverUsage();
        if (u == null) {
            sb.append("server: no CPU or memory figures (/metrics not readable, or no steady state)\n");
        } else if (!(u.packetsSent() > 0)) {
            sb.append(String.format(Locale.ROOT, "server from %.1f s on: %.2f s CPU, no media forwarded; heap %.1f MiB, "
                    + "direct memory %.1f MiB%n", r.measuredFromSeconds(), u.cpuSeconds(), u.heapBytes() / 1048576.0,
                    u.directBytes() / 1048576.0));
        } else {
            sb.append(String.format(Locale.ROOT, "server from %.1f s on: %.2f s CPU for %.0f packets sent (%.0f/s) = %.2f µs CPU "
                    + "per forwarded packet; heap %.1f MiB, direct memory %.1f MiB%n", r.measuredFromSeconds(),
                    u.cpuSeconds(), u.packetsSent(),
                    u.packetsSentPerSecond(), u.cpuMicrosPerPacketSent(), u.heapBytes() / 1048576.0,
                    u.directBytes() / 1048576.0));
        }
        SignalingSummary sig = r.signaling();
        if (sig != null && sig.signalingOnly() > 0) {
            sb.append(String.format(Locale.ROOT, "signaling-only participants welcomed %d/%d; join (request to welcome) p50 %.0f ms, p99 %.0f ms%n",
                    sig.welcomed(), sig.signalingOnly(), sig.welcomeP50Millis(), sig.welcomeP99Millis()));
        }
        if (sig != null) {
            for (RoomEventDelays.Summary e : sig.events()) {
                if (e.sent() == 0) continue;
                sb.append(String.format(Locale.ROOT, "room event %-4s sent %d, received %d times; send to receipt p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        e.kind(), e.sent(), e.deliveries(), e.p50Millis(), e.p99Millis(), e.maxMillis()));
            }
        }
        if (!Double.isNaN(r.testerCpuMicrosPerReceivedPacket())) {
            sb.append(String.format(Locale.ROOT, "load tester: %.2f µs CPU per received packet (its whole process)%n",
                    r.testerCpuMicrosPerReceivedPacket()));
        }
        return sb.toString();
    }
}
