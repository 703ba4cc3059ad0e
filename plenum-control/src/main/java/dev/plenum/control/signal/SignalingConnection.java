package dev.plenum.control.signal;

/** One open signaling WebSocket as the signaling logic sees it. */
interface SignalingConnection {
    void send(String json);

    void close(int statusCode, String reason);
}
