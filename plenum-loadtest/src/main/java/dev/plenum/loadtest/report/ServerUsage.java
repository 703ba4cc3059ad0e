package dev.plenum.loadtest.report;

/**
 * The server's cost over a run, from two {@link ServerSnapshot}s: CPU seconds and packets forwarded between them,
 * and memory at the end (under load).
 *
 * @param cpuMicrosPerPacketSent server CPU per packet it sent, the figure of merit (µs per forwarded packet)
 */
public record ServerUsage(double cpuSeconds, double packetsSent, double packetsReceived, double cpuMicrosPerPacketSent,
                          double packetsSentPerSecond, double heapBytes, double directBytes) {

    public static ServerUsage between(ServerSnapshot before, ServerSnapshot after, double seconds) {
        double cpu = after.cpuSeconds() - before.cpuSeconds();
        double sent = after.packetsSent() - before.packetsSent();
        double received = after.packetsReceived() - before.packetsReceived();
        double perPacket = sent > 0 ? cpu * 1e6 / sent : Double.NaN;
        return new ServerUsage(cpu, sent, received, perPacket, seconds > 0 ? sent / seconds : Double.NaN,
                after.heapBytes(), after.directBytes());
    }
}
