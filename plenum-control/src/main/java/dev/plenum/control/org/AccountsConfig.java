package dev.plenum.control.org;

import java.time.Duration;
import java.util.Objects;

/**
 * How members sign up and sign in: one typed object, defaults in {@link #defaults()}.
 *
 * @param openSignUp        anyone may create an organisation; when false (the default) only the first one can be
 *                          created by signing up (the instance's first owner), later ones by an operator
 * @param sessionLifetime   how long a sign-in lasts (absolute, not sliding)
 * @param passwordCost      Argon2id cost for new password hashes
 * @param attemptsPerAccount sign-in attempts allowed per e-mail address per {@code accountWindow} (burst = limit)
 * @param accountWindow     the period over which {@code attemptsPerAccount} refill
 * @param attemptsPerAddress sign-in attempts allowed per client IP address per {@code addressWindow}
 * @param addressWindow     the period over which {@code attemptsPerAddress} refill
 */
public record AccountsConfig(boolean openSignUp, Duration sessionLifetime, PasswordHasher.Cost passwordCost,
                             int attemptsPerAccount, Duration accountWindow, int attemptsPerAddress, Duration addressWindow) {
    public AccountsConfig {
        Objects.requireNonNull(passwordCost, "passwordCost");
        if (sessionLifetime.isNegative() || sessionLifetime.isZero()) throw new IllegalArgumentException("sessionLifetime must be positive");
        if (attemptsPerAccount < 1 || attemptsPerAddress < 1) throw new IllegalArgumentException("sign-in attempt limits must be >= 1");
        if (accountWindow.isNegative() || accountWindow.isZero() || addressWindow.isNegative() || addressWindow.isZero()) {
            throw new IllegalArgumentException("sign-in windows must be positive");
        }
    }

    public static AccountsConfig defaults() {
        return new AccountsConfig(false, Duration.ofHours(12), PasswordHasher.Cost.DEFAULT,
                5, Duration.ofMinutes(5), 30, Duration.ofMinutes(5));
    }

    public AccountsConfig withOpenSignUp(boolean open) {
        return new AccountsConfig(open, sessionLifetime, passwordCost, attemptsPerAccount, accountWindow, attemptsPerAddress, addressWindow);
    }

    public AccountsConfig withPasswordCost(PasswordHasher.Cost cost) {
        return new AccountsConfig(openSignUp, sessionLifetime, cost, attemptsPerAccount, accountWindow, attemptsPerAddress, addressWindow);
    }

    public AccountsConfig withLoginLimits(int perAccount, int perAddress, Duration window) {
        return new AccountsConfig(openSignUp, sessionLifetime, passwordCost, perAccount, window, perAddress, window);
    }
}
