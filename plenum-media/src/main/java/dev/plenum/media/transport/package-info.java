/**
 * The media plane's socket layer and its first stage.
 *
 * <pre>
 *  UDP :10000 ─ UdpMediaSocket ──(buf, sender, udpSender)───────────────┐
 *                                                                        ▼
 *  TCP :10000 ─ TcpMediaSocket ─ Rfc4571FrameDecoder ─(frame, peer, connSender)─► Demultiplexer
 *                                                                        │  PacketClassifier (RFC 7983 §7)
 *                                        STUN, any source ◄──────────────┤
 *                                        StunHandler (registers sources) │
 *                                                                        ▼
 *                          DTLS / RTP / RTCP from a registered address ─► Endpoint
 *                          everything else ─► dropped, counted in TransportCounters, released
 *
 *  replies: PacketSender (UDP datagram to an address, or RFC 4571 frame on the connection)
 * </pre>
 *
 * <p>Configuration: {@link dev.plenum.media.transport.MediaTransportConfig}. Buffers: whoever consumes a buffer
 * releases it, in {@code finally}; the demultiplexer passes ownership to the handler it calls. Threads: one event
 * loop thread per socket; no handler may block it.
 */
package dev.plenum.media.transport;
