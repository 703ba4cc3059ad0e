/**
 * SRTP and SRTCP (RFC 3711) for the media plane, with the two DTLS-SRTP profiles Plenum offers:
 * SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764) and SRTP_AEAD_AES_128_GCM (RFC 7714).
 *
 * <pre>
 *   DTLS exporter (60 or 56 bytes) --SrtpKeys.fromDtlsKeyingMaterial--> local / remote SrtpMasterKey
 *   SrtpMasterKey --SrtpKeyDerivation (RFC 3711 §4.3, kdr 0)--> session keys, held inside SrtpTransformer
 *   outbound RTP/RTCP  --SrtpTransformer.protect*   (one per participant, send side)-->    SRTP/SRTCP
 *   inbound SRTP/SRTCP --SrtpTransformer.unprotect* (one per participant, receive side)--> RTP/RTCP
 * </pre>
 *
 * Every packet operation returns an {@link dev.plenum.media.srtp.SrtpResult}; nothing on the packet path throws
 * on bad input, and the AES-CM path allocates nothing per packet.
 */
package dev.plenum.media.srtp;
