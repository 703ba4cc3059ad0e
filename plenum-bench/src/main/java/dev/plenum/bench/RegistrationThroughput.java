package dev.plenum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.registration.RegistrationConfig;
import dev.plenum.control.registration.RegistrationEvents;
import dev.plenum.control.registration.RegistrationSettings;
import dev.plenum.control.registration.Registrations;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registrations per second against PostgreSQL: {@code clients} threads, each a connection from the pool, register
 * distinct people for one conference for {@code seconds} (through a pool of {@code connections}, default one per
 * client); every registration is one transaction writing the
 * registrant row and its confirmation outbox row (and, with {@code reminders}, its two reminder rows), committed
 * with the server's {@code synchronous_commit} (checked to be on). Prints throughput and latency percentiles.
 *
 * <pre>
 * java -cp plenum-bench/target/benchmarks.jar dev.plenum.bench.RegistrationThroughput URL USER PASSWORD [clients] [seconds] [reminders] [connections]
 * </pre>
 * The run uses a fresh schema, dropped afterwards. Not part of the test suite.
 */
public final class RegistrationThroughput {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: RegistrationThroughput JDBC_URL USER PASSWORD [clients=64] [seconds=60] [reminders=false] [connections=clients]");
            System.exit(2);
        }
        String url = args[0], user = args[1], password = args[2];
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        boolean reminders = args.length > 5 && Boolean.parseBoolean(args[5]);
        int pool = args.length > 6 ? Integer.parseInt(args[6]) : clients;
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        StoreConfig store = new StoreConfig(url, user, password, schema, pool);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(store)) {
            String syncCommit = db.jdbi().withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
            String fsync = db.jdbi().withHandle(h -> h.createQuery("SHOW fsync").mapTo(String.class).one());
            System.out.printf("synchronous_commit=%s fsync=%s clients=%d connections=%d seconds=%d reminders=%s%n", syncCommit,
                    fsync, clients, pool, seconds, reminders);
            if (!syncCommit.equals("on")) throw new IllegalStateException("synchronous_commit must be on for this figure");
            Registrations registrations = new Registrations(new ObjectMapper(), RegistrationConfig.defaults()
                    .withReminderOffsets(reminders ? List.of(Duration.ofHours(24), Duration.ofHours(1)) : List.of()),
                    RegistrationEvents.NONE);
            RegistrationSettings settings = new RegistrationSettings(true, "automatic", List.of());
            Conference conference = db.jdbi().inTransaction(h -> {
                long org = h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES ('Bench', :now)")
                        .bind("now", clock.instant()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                Conference c = new Conferences().create(h, org, new Conferences.Spec("Bench webinar", "webinar", false,
                        new Conference.Schedule(LocalDateTime.now().plusDays(30).withNano(0), ZoneId.of("Europe/Warsaw"), 60),
                        "open", null, false), Database.now(clock));
                registrations.saveSettings(h, c.id(), settings, Database.now(clock));
                return c;
            });

            long warmupEnd = System.nanoTime() + 5_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            AtomicLong sequence = new AtomicLong();
            long[][] latencies = new long[clients][];
            int[] counts = new int[clients];
            CountDownLatch done = new CountDownLatch(clients);
            for (int t = 0; t < clients; t++) {
                int me = t;
                Thread.ofPlatform().name("client-" + t).start(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    try {
                        while (true) {
                            long started = System.nanoTime();
                            if (started >= end) break;
                            long i = sequence.incrementAndGet();
                            db.jdbi().useTransaction(h -> registrations.register(h, conference, settings, "Person " + i,
                                    "person" + i + "@example.org", Map.of(), Database.now(clock)).orElseThrow());
                            long finished = System.nanoTime();
                            if (started >= warmupEnd && finished <= end) {
                                if (n == mine.length) mine = Arrays.copyOf(mine, n * 2);
                                mine[n++] = finished - started;
                            }
                        }
                    } finally {
                        latencies[me] = mine;
                        counts[me] = n;
                        done.countDown();
                    }
                });
            }
            done.await();
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int t = 0; t < clients; t++) {
                System.arraycopy(latencies[t], 0, all, at, counts[t]);
                at += counts[t];
            }
            Arrays.sort(all);
            List<String> rows = new ArrayList<>();
            long outboxRows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox").mapTo(Long.class).one());
            long registrants = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM registrants").mapTo(Long.class).one());
            rows.add(String.format("registrations in the %d s window: %d -> %.0f per second", seconds, total, total / (double) seconds));
            rows.add(String.format("latency ms: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f", pct(all, 0.50), pct(all, 0.99),
                    pct(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1e6));
            rows.add(String.format("rows written in all (warm-up included): %d registrants, %d outbox rows", registrants, outboxRows));
            rows.forEach(System.out::println);
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); // generated above, not input
            }
        }
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
