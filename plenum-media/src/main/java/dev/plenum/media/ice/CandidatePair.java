package dev.plenum.media.ice;

import java.net.InetSocketAddress;

/**
 * A candidate pair as a lite agent sees it: our single host candidate and the remote address a check came from
 * (RFC 8445 §7.3.1.3, peer-reflexive or not, the lite agent does not tell them apart).
 *
 * @param remote              the source of the checks
 * @param priority            PRIORITY of the last check (the remote candidate's priority)
 * @param lastCheckNanos      when the last authenticated check arrived
 * @param nominated           USE-CANDIDATE was seen on this pair
 */
public record CandidatePair(InetSocketAddress remote, long priority, long lastCheckNanos, boolean nominated) {}
