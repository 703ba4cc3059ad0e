package dev.plenum.control.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import org.junit.jupiter.api.Test;

class SessionCookieTest {
    @Test
    void overHttpsTheCookieIsSecure() {
        Cookie cookie = AccountsApi.sessionCookie(true, "id", 3600);
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(SameSite.LAX);
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getMaxAge()).isEqualTo(3600);
    }

    @Test
    void overPlainHttpItCannotBeSecureButStaysHttpOnlyAndLax() {
        Cookie cookie = AccountsApi.sessionCookie(false, "id", 3600);
        assertThat(cookie.getSecure()).isFalse();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(SameSite.LAX);
    }
}
