package dev.plenum.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.attendance.SessionsApi;
import dev.plenum.control.attendance.SqlAttendanceLog;
import dev.plenum.control.conference.AccessTokens;
import dev.plenum.control.conference.AccessTokensApi;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.conference.PlannedRoomAccess;
import dev.plenum.control.conference.ConferencesApi;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.http.Idempotency;
import dev.plenum.control.http.JsonBodies;
import dev.plenum.control.http.OpenApiRoute;
import dev.plenum.control.http.OrganiserPages;
import dev.plenum.control.org.Accounts;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.org.ApiKeys;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.LoginLimiter;
import dev.plenum.control.org.PasswordHasher;
import dev.plenum.control.org.SessionStore;
import dev.plenum.control.registration.RegistrationApi;
import dev.plenum.control.registration.RegistrationConfig;
import dev.plenum.control.registration.RegistrationEvents;
import dev.plenum.control.registration.Registrations;
import dev.plenum.control.chat.SqlChatLog;
import dev.plenum.control.poll.SqlPollStore;
import dev.plenum.control.qa.SqlQuestionStore;
import dev.plenum.control.report.ChatsApi;
import dev.plenum.control.report.ConferenceReport;
import dev.plenum.control.store.Database;
import dev.plenum.control.webhook.Webhooks;
import dev.plenum.control.webhook.WebhooksApi;
import java.time.Clock;

/**
 * The database-backed REST API (organisations, members, API keys, conferences, their access tokens, sessions and
 * attendance reports, registration, webhooks, the OpenAPI document), wired by hand from a {@link Database}:
 * {@code PlenumNode} and the tests build it the same way and hand it to the
 * {@link dev.plenum.control.http.ControlServer}.
 */
public final class RestApi {
    private RestApi() {}

    public static ApiRoutes build(Database db, AccountsConfig accounts, Clock clock) {
        return build(db, accounts, clock, new Webhooks(),
                new Registrations(new ObjectMapper(), RegistrationConfig.defaults(), RegistrationEvents.NONE), ApiRoutes.NONE);
    }

    /**
     * @param registrations also told when a conference's schedule changes (its reminders move)
     * @param more further groups (a room's files) registered after these
     */
    public static ApiRoutes build(Database db, AccountsConfig accounts, Clock clock, Webhooks webhooks,
                                  Registrations registrations, ApiRoutes more) {
        return assemble(db, accounts, clock, webhooks, registrations, more).routes();
    }

    /**
     * The REST routes together with what the join API and the signaling service need of the same database: who may
     * join a planned room ({@code access}, also the {@link dev.plenum.control.conference.PlannedRooms} lookup) and
     * where sessions and attendance are recorded.
     */
    public record Assembly(ApiRoutes routes, PlannedRoomAccess access, SqlAttendanceLog attendance) {}

    public static Assembly assemble(Database db, AccountsConfig accounts, Clock clock, Webhooks webhooks,
                                    Registrations registrations, ApiRoutes more) {
        return assemble(db, accounts, clock, webhooks, registrations, more, auth -> ApiRoutes.NONE);
    }

    /**
     * @param forMembers further groups that authenticate members and API keys as the others do (a conference's file
     *                   library), built from the same {@link Authenticator}
     */
    public static Assembly assemble(Database db, AccountsConfig accounts, Clock clock, Webhooks webhooks,
                                    Registrations registrations, ApiRoutes more,
                                    java.util.function.Function<Authenticator, ApiRoutes> forMembers) {
        ObjectMapper json = new ObjectMapper();
        Conferences conferences = new Conferences();
        Idempotency idempotency = new Idempotency(db, json, clock);
        JsonBodies bodies = new JsonBodies(json);
        PasswordHasher passwords = new PasswordHasher(accounts.passwordCost());
        SessionStore sessions = new SessionStore(db, clock, accounts.sessionLifetime());
        ApiKeys apiKeys = new ApiKeys(db, clock);
        Authenticator auth = new Authenticator(sessions, apiKeys);
        AccessTokens tokens = new AccessTokens();
        SqlAttendanceLog attendance = new SqlAttendanceLog(db, clock, webhooks);
        PlannedRoomAccess access = new PlannedRoomAccess(db, tokens, passwords, new LoginLimiter(accounts, System::nanoTime), clock,
                registrations);
        ApiRoutes routes = ApiRoutes.of(
                new AccountsApi(new Accounts(db, clock), sessions, apiKeys, auth, passwords,
                        new LoginLimiter(accounts, System::nanoTime), accounts, bodies),
                new ConferencesApi(db, conferences, auth, idempotency, bodies, passwords, clock, registrations),
                new RegistrationApi(db, registrations, conferences, auth, idempotency, bodies, clock),
                new AccessTokensApi(db, conferences, tokens, auth, bodies, clock),
                new SessionsApi(db, conferences, attendance, auth),
                new ConferenceReport(db, clock, conferences, attendance, new SqlChatLog(db), new SqlQuestionStore(db),
                        new SqlPollStore(db), auth),
                new ChatsApi(db, conferences, auth),
                new WebhooksApi(db, webhooks, auth, idempotency, bodies, clock),
                new OpenApiRoute(), more, forMembers.apply(auth), new OrganiserPages());
        return new Assembly(routes, access, attendance);
    }
}
