package dev.plenum.loadtest;

import dev.plenum.loadtest.measure.RoomEventDelays;
import dev.plenum.loadtest.signaling.SignalingClient;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * A participant without media, for control-plane scale: it joins over HTTP and signaling, receives every room event
 * (joins, chat, polls...) and pings like a page, but never answers an offer, so the server keeps no transport for it.
 * Thousands fit in one load-tester process: each is one WebSocket and a few fields.
 */
final class SignalingParticipant implements SignalingClient.Events {
    private final String room;
    private final String name;
    private final URI server;
    private final SignalingClient signaling;
    private final long joinStartNanos = System.nanoTime();
    private volatile long welcomedNanos;
    private volatile LoadParticipant.State state = LoadParticipant.State.JOINING;
    private volatile String failure;

    SignalingParticipant(String room, String name, URI server, RoomEventDelays delays) {
        this.room = room;
        this.name = name;
        this.server = server;
        this.signaling = new SignalingClient(this, delays);
    }

    void join(HttpClient http) {
        SignalingClient.join(http, server, room, name)
                .thenCompose(joined -> signaling.open(http, server, joined))
                .exceptionally(e -> {
                    fail("join: " + LoadParticipant.rootMessage(e));
                    return null;
                });
    }

    @Override
    public void onWelcome(long arrivalNanos) {
        welcomedNanos = arrivalNanos;
        synchronized (this) {
            if (state == LoadParticipant.State.JOINING) state = LoadParticipant.State.CONNECTED;
        }
    }

    @Override
    public void onOffer(String sdp) {
        // No media: the offer stays unanswered, so no ICE, DTLS or forwarding is spent on this participant.
    }

    @Override
    public void onServerError(String code, String message) {
        // A refused announcement (e.g. rate-limited) is visible in the delivery counts; nothing to undo here.
    }

    @Override
    public void onClosed(int statusCode, String reason) {
        if (state != LoadParticipant.State.LEFT) fail("signaling closed " + statusCode + (reason.isEmpty() ? "" : " " + reason));
    }

    private synchronized void fail(String reason) {
        if (state == LoadParticipant.State.FAILED || state == LoadParticipant.State.LEFT) return;
        failure = reason;
        state = LoadParticipant.State.FAILED;
    }

    void failIfJoiningLongerThan(long limitNanos) {
        if (state == LoadParticipant.State.JOINING && System.nanoTime() - joinStartNanos > limitNanos) {
            fail("not welcomed within " + limitNanos / 1_000_000_000L + " s");
        }
    }

    void ping() {
        if (state == LoadParticipant.State.CONNECTED) signaling.sendPing();
    }

    void leave() {
        LoadParticipant.State before;
        synchronized (this) {
            before = state;
            if (before == LoadParticipant.State.LEFT) return;
            state = LoadParticipant.State.LEFT;
        }
        if (before == LoadParticipant.State.FAILED) signaling.abort();
        else signaling.leave();
    }

    SignalingClient signaling() { return signaling; }

    LoadParticipant.State state() { return state; }

    String failure() { return failure; }

    /** Milliseconds from the join request to the server's welcome, or -1. */
    double welcomeMillis() {
        long at = welcomedNanos;
        return at == 0 ? -1 : (at - joinStartNanos) / 1e6;
    }
}
