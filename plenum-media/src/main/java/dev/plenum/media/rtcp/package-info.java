/**
 * RTCP (RFC 3550 §6, RFC 4585, RFC 5104, REMB, transport-wide congestion control feedback): parsing, writing, and
 * the per-source receiver statistics that feed reception reports.
 *
 * <p>{@link dev.plenum.media.rtcp.RtcpParser} validates a whole compound packet before reporting any of it to an
 * {@link dev.plenum.media.rtcp.RtcpListener} as primitive values, so a malformed compound changes no state and
 * parsing allocates nothing. A compound need not start with SR/RR (reduced-size RTCP, RFC 5506).
 * {@link dev.plenum.media.rtcp.RtcpWriter} and {@link dev.plenum.media.rtcp.TransportCcFeedbackWriter} write at
 * the writer index and return the bytes or records consumed.
 *
 * <p>{@link dev.plenum.media.rtcp.ReceiverStatistics} follows RFC 3550 Appendix A to the letter, including counting
 * duplicates as received (so cumulative loss can be negative) and the floating-point jitter estimator of A.8.
 */
package dev.plenum.media.rtcp;
