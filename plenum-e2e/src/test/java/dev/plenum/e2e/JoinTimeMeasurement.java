package dev.plenum.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures for docs/PERFORMANCE.md, outside the test suite (tag "measure"):
 * {@code mvn -pl plenum-e2e test -Dgroups=measure -Dplenum.excludedGroups=none -Dtest=JoinTimeMeasurement}
 */
@Tag("measure")
class JoinTimeMeasurement {

    @Test
    void timeFromOpeningTheLinkToTheFirstDecodedRemoteFrameAndServerCostWithThreeParticipants() throws Exception {
        try (BrowserHarness harness = new BrowserHarness()) {
            harness.join("measure", "Ann");
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                Page page = harness.open("measure");
                page.getByLabel("Your name").fill("Guest " + i);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
                while (MediaTest.count(MediaTest.inbound(page), "video", "framesDecoded") < 1) Thread.sleep(20);
                millis.add((System.nanoTime() - start) / 1e6);
                page.context().close();
            }
            List<Double> sorted = millis.stream().sorted().toList();
            System.out.printf("MEASURE join-to-first-frame ms: %s; median %.0f ms%n", millis,
                    (sorted.get(4) + sorted.get(5)) / 2);

            harness.closePages();
            harness.join("measure-3", "Ann");
            harness.join("measure-3", "Bob");
            harness.join("measure-3", "Cid");
            Thread.sleep(5000);
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long wallBefore = System.nanoTime();
            Thread.sleep(60_000);
            double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
            double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
            System.gc();
            Thread.sleep(500);
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("MEASURE 3 participants for %.0f s: server process CPU %.1f s (%.1f%% of one core), heap after GC %.1f MiB%n",
                    wallSeconds, cpuSeconds, 100 * cpuSeconds / wallSeconds, heap / 1048576.0);
        }
    }
}
