package dev.plenum.control.conference;

import dev.plenum.control.http.ApiError;
import dev.plenum.control.token.Role;
import java.time.Duration;

/**
 * Who may join a room, and as what. A name that belongs to a conference applies the conference's access rule; a
 * free name is left to the ad-hoc rule of the caller.
 */
@FunctionalInterface
public interface RoomAccess {
    /** No database: every name is free. */
    RoomAccess AD_HOC = request -> new Decision.AdHoc();

    /**
     * A join request as far as access is concerned.
     *
     * @param sessionCookie the member session cookie, or null
     * @param password      the {@code password} field of the join body, or null
     * @param accessToken   the {@code accessToken} field of the join body, or null
     * @param clientAddress where the request comes from (password guesses are limited per address too)
     * @param registrantKey the {@code registrantKey} field of the join body (a registrant's personal link), or null
     */
    record Request(String roomName, String sessionCookie, String password, String accessToken, String clientAddress,
                   String registrantKey) {
        public Request(String roomName, String sessionCookie, String password, String accessToken, String clientAddress) {
            this(roomName, sessionCookie, password, accessToken, clientAddress, null);
        }
    }

    sealed interface Decision {
        /** Not a planned room. */
        record AdHoc() implements Decision {}

        /**
         * Let in with this role; {@code email} is known for a signed-in member or a token issued with one (else null);
         * {@code webinar} tells the page that attendees here watch and listen only; {@code accessTokenId} is the
         * personal token used to join (null for none); {@code name}, when not null, is the name the person is known
         * by (a registrant's), which replaces the one typed on the page.
         */
        record Admitted(Role role, String email, boolean webinar, Long accessTokenId, String name) implements Decision {
            public Admitted(Role role, String email, boolean webinar) {
                this(role, email, webinar, null, null);
            }

            public Admitted(Role role, String email, boolean webinar, Long accessTokenId) {
                this(role, email, webinar, accessTokenId, null);
            }
        }

        /** Refused: the status and JSON body to answer with; {@code retryAfter} non-null for a rate limit. */
        record Refused(int status, ApiError error, Duration retryAfter) implements Decision {}
    }

    Decision decide(Request request);

    /**
     * What a page may know of a room before joining it: whether it is planned, a webinar, which access rule applies,
     * and whether this visitor (by the session cookie, or null) would join as its host. Nothing else (no title, no
     * organisation). Empty for a name that is no conference's.
     */
    default java.util.Optional<Outline> outline(String roomName, String sessionCookie) {
        return java.util.Optional.empty();
    }

    /** A planned room as the pre-join page sees it: its kind, its access rule, and the visitor's role there. */
    record Outline(boolean webinar, String accessType, Role role) {}
}
