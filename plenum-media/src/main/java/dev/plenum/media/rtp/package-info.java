/**
 * RTP packets on the media path, read and rewritten in place.
 *
 * <p>A packet is a view {@code (ByteBuf, offset, length)} with absolute indices; nothing here moves the buffer's
 * reader or writer index, allocates, or boxes. {@link dev.plenum.media.rtp.RtpHeader#isValid} is the one strict
 * check (RFC 3550 §5.1, A.1) a receiver runs per packet; afterwards the accessors of
 * {@link dev.plenum.media.rtp.RtpHeader}, {@link dev.plenum.media.rtp.RtpExtensions} (RFC 8285) and
 * {@link dev.plenum.media.rtp.Vp8Descriptor} (RFC 7741) never read past the given length and answer -1, false or
 * {@link dev.plenum.media.rtp.RtpExtensions#NOT_FOUND} for anything malformed.
 *
 * <p>Decisions: an extension lookup packs (value index, value length) into one long rather than returning an
 * object; a shorter replacement value (e.g. a rewritten mid) shrinks the element and leaves padding bytes, so the
 * packet length never changes in place; the VP8 PictureID keeps its 7- or 15-bit width when rewritten.
 */
package dev.plenum.media.rtp;
