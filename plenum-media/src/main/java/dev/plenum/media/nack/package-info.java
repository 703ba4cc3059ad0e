/**
 * Loss recovery: the history of what each subscriber was sent, answered when it sends a Generic NACK (RFC 4585
 * §6.2.1), as an RTX retransmission (RFC 4588) when it negotiated one; and the other way, the losses on a
 * publisher's link requested from it and its RTX packets unwrapped into the stream they repair.
 */
package dev.plenum.media.nack;
