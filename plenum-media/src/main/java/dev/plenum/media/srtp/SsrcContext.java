package dev.plenum.media.srtp;

/**
 * Per-SSRC cryptographic state (RFC 3711 §3.2.3): the SRTP replay window, whose highest index also carries the
 * rollover counter and s_l of §3.3.1, the SRTCP replay window, and the next SRTCP index to send.
 */
final class SsrcContext {
    int ssrc;
    long lastUsed;
    final ReplayWindow rtp = new ReplayWindow();
    final ReplayWindow rtcp = new ReplayWindow();
    int nextSrtcpIndex;

    void reset(int newSsrc) {
        ssrc = newSsrc;
        lastUsed = 0;
        rtp.reset();
        rtcp.reset();
        nextSrtcpIndex = 0;
    }
}
