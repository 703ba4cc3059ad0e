package dev.plenum.control.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
    private long now = 1_000_000_000L;
    private final LoginLimiter limiter = new LoginLimiter(3, Duration.ofMinutes(3), 5, Duration.ofMinutes(5), () -> now, 100);

    @Test
    void anAccountGetsItsBurstThenWaitsForARefill() {
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAttempt("a@x", "10.0.0." + i)).isZero();
        Duration wait = limiter.tryAttempt("a@x", "10.0.0.9");
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        now += wait.toNanos();
        assertThat(limiter.tryAttempt("a@x", "10.0.0.9")).isZero();
    }

    @Test
    void anAddressTryingManyAccountsIsLimitedToo() {
        for (int i = 0; i < 5; i++) assertThat(limiter.tryAttempt("user" + i + "@x", "10.0.0.1")).isZero();
        assertThat(limiter.tryAttempt("user9@x", "10.0.0.1")).isPositive();
        assertThat(limiter.tryAttempt("user9@x", "10.0.0.2")).isZero();
    }

    @Test
    void aRefusedAttemptCostsNothing() {
        for (int i = 0; i < 3; i++) limiter.tryAttempt("a@x", "10.0.0.1");
        for (int i = 0; i < 10; i++) assertThat(limiter.tryAttempt("a@x", "10.0.0.1")).isPositive();
        assertThat(limiter.tryAttempt("b@x", "10.0.0.1")).isZero(); // the address spent 3 of 5, not 13
    }

    @Test
    void tablesStayBounded() {
        LoginLimiter small = new LoginLimiter(1, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1), () -> now, 2);
        assertThat(small.tryAttempt("a", "ip")).isZero();
        assertThat(small.tryAttempt("a", "ip")).isPositive();
        small.tryAttempt("b", "ip");
        small.tryAttempt("c", "ip"); // evicts "a"
        assertThat(small.tryAttempt("a", "ip")).isZero();
    }
}
