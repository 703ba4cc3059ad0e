package dev.plenum.media.ice;

import static dev.plenum.media.stun.StunAttributes.*;

import dev.plenum.media.stun.MessageIntegrity;
import dev.plenum.media.stun.StunErrorCode;
import dev.plenum.media.stun.StunMessage;
import dev.plenum.media.stun.StunMessages;
import dev.plenum.media.stun.StunParseResult;
import dev.plenum.media.stun.StunParser;
import dev.plenum.media.stun.StunWriter;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The ICE-lite side of one participant (RFC 8445 §2.5): it never sends checks, it answers the browser's.
 *
 * <p>For each Binding request, in order:
 * <ol>
 *   <li>parse; malformed but recognisably a Binding request → 400; anything else unparsable → dropped;</li>
 *   <li>not a Binding request → dropped; FINGERPRINT present but wrong → dropped (RFC 8489 §7.3);</li>
 *   <li>FINGERPRINT, USERNAME or MESSAGE-INTEGRITY missing → 400 (RFC 8445 §7.2.2, RFC 8489 §9.1.3);</li>
 *   <li>USERNAME not "localUfrag:remoteUfrag" of the current (or, during an ICE restart, the previous)
 *       credentials, or MESSAGE-INTEGRITY wrong for that local password → 401;</li>
 *   <li>unknown comprehension-required attributes → 420;</li>
 *   <li>ICE-CONTROLLED (the browser claims our role) → 487; neither role attribute → 400 (RFC 8445 §7.3.1.1);</li>
 *   <li>otherwise: record the pair, refresh consent, select the pair on USE-CANDIDATE (the browser is the
 *       controlling agent and nominates; a later nomination of another address switches, e.g. after a network
 *       change, RFC 8445 §8.1.1), and answer success with XOR-MAPPED-ADDRESS = the request's source.</li>
 * </ol>
 *
 * <p>Consent freshness (RFC 7675 §5.1): consent lasts 30 s from the last authenticated check that came from the
 * selected pair's remote address (or from any address while none is selected), counted from creation at first.
 *
 * <p>ICE restart (RFC 8445 §9): {@link #restart} installs new credentials but keeps the old ones and the selected pair
 * working until the first authenticated check with the new credentials arrives; then the old ones are forgotten.
 *
 * <p>Thread model: {@link #onBindingRequest} runs on the participant's I/O thread only. {@link #restart} may be
 * called from the signaling thread; {@link #selectedRemote} and {@link #consentExpired} from any thread.
 */
public final class IceLiteResponder {
    /** RFC 7675 §5.1: consent expires 30 seconds after the last successful check. */
    public static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(30);
    /** Bound on remembered pairs, against a peer spraying checks from many addresses. */
    public static final int MAX_PAIRS = 16;

    /** One set of credentials with its ready HMAC key; the expected USERNAME is precomputed. */
    private record Credentials(String localUfrag, String remoteUfrag, String expectedUsername,
                               MessageIntegrity integrity) {
        static Credentials of(String localUfrag, String localPwd, String remoteUfrag) {
            if (!IceCredentials.isIceChars(localUfrag, 4) || !IceCredentials.isIceChars(localPwd, 22)
                    || !IceCredentials.isIceChars(remoteUfrag, 4)) {
                throw new IllegalArgumentException("ufrag/pwd must be ice-chars of legal length");
            }
            return new Credentials(localUfrag, remoteUfrag, localUfrag + ":" + remoteUfrag,
                    MessageIntegrity.shortTerm(localPwd));
        }
    }

    private record CredentialState(Credentials current, Credentials previous) {}

    private final LongSupplier nanoTime;
    private final long consentTimeoutNanos;
    private final AtomicReference<CredentialState> credentials;
    /** Touched on the I/O thread only. Insertion order = age, for eviction. */
    private final Map<InetSocketAddress, CandidatePair> pairs = new LinkedHashMap<>();
    private volatile InetSocketAddress selectedRemote;
    private volatile long lastConsentNanos;

    /**
     * @param local       our ufrag and password, as put in the SDP answer
     * @param remoteUfrag the browser's ufrag from its SDP offer
     * @param nanoTime    monotonic time source, {@code System::nanoTime} in production
     */
    public IceLiteResponder(IceCredentials local, String remoteUfrag, LongSupplier nanoTime) {
        this(local, remoteUfrag, nanoTime, CONSENT_TIMEOUT);
    }

    public IceLiteResponder(IceCredentials local, String remoteUfrag, LongSupplier nanoTime, Duration consentTimeout) {
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.consentTimeoutNanos = consentTimeout.toNanos();
        this.credentials = new AtomicReference<>(
                new CredentialState(Credentials.of(local.ufrag(), local.pwd(), remoteUfrag), null));
        this.lastConsentNanos = nanoTime.getAsLong();
    }

    /** Our current ufrag: the key under which the participant is registered for demultiplexing. */
    public String localUfrag() {
        return credentials.get().current().localUfrag();
    }

    /** Our previous ufrag while an ICE restart is pending, else null. Keep it registered until this turns null. */
    public String previousLocalUfrag() {
        Credentials previous = credentials.get().previous();
        return previous == null ? null : previous.localUfrag();
    }

    /** The remote address of the selected pair, where media goes; null until the browser nominates one. */
    public InetSocketAddress selectedRemote() {
        return selectedRemote;
    }

    /** True when no authenticated check has refreshed consent for {@link #CONSENT_TIMEOUT} (RFC 7675 §5.1). */
    public boolean consentExpired(long nowNanos) {
        return nowNanos - lastConsentNanos > consentTimeoutNanos;
    }

    /** A snapshot of the known pairs, oldest first. Call on the I/O thread. */
    public List<CandidatePair> pairs() {
        return new ArrayList<>(pairs.values());
    }

    /**
     * ICE restart (RFC 8445 §9): new local credentials (from our new SDP answer) and the browser's new ufrag. The
     * previous credentials keep being accepted, and the selected pair kept, until a check uses the new ones.
     */
    public void restart(String newLocalUfrag, String newLocalPwd, String newRemoteUfrag) {
        Credentials next = Credentials.of(newLocalUfrag, newLocalPwd, newRemoteUfrag);
        credentials.updateAndGet(s -> new CredentialState(next, s.current()));
    }

    /**
     * Handles one datagram (or RFC 4571 frame) {@code [offset, offset + length)} of {@code in} received from
     * {@code source}. When the outcome {@link BindingOutcome#responded() responded}, the response was appended to
     * {@code out} at its writer index, to be sent back to {@code source}. {@code in} is neither moved nor released.
     */
    public BindingOutcome onBindingRequest(ByteBuf in, int offset, int length, InetSocketAddress source, ByteBuf out) {
        StunParseResult parsed = StunParser.parse(in, offset, length);
        if (!(parsed instanceof StunMessage request)) {
            return answerMalformed(in, offset, length, out);
        }
        if (!request.isBindingRequest()) {
            return BindingOutcome.DROPPED;
        }
        byte[] tid = request.transactionId();
        if (request.hasFingerprint() && !StunMessages.fingerprintMatches(in, offset, request)) {
            return BindingOutcome.DROPPED;
        }
        if (!request.hasFingerprint() || request.username() == null || !request.hasMessageIntegrity()) {
            return error(out, tid, StunErrorCode.BAD_REQUEST, null, BindingOutcome.BAD_REQUEST);
        }

        CredentialState state = credentials.get();
        Credentials used = match(state.current(), request.username());
        boolean usedPrevious = false;
        if (used == null) {
            used = match(state.previous(), request.username());
            usedPrevious = used != null;
        }
        if (used == null || !used.integrity().verify(in, offset, request)) {
            return error(out, tid, StunErrorCode.UNAUTHENTICATED, null, BindingOutcome.UNAUTHENTICATED);
        }
        if (request.unknownRequired().length > 0) {
            return unknownAttributes(out, tid, request.unknownRequired(), used.integrity());
        }
        if (request.iceControlled()) {
            return error(out, tid, StunErrorCode.ROLE_CONFLICT, used.integrity(), BindingOutcome.ROLE_CONFLICT);
        }
        if (!request.iceControlling()) {
            return error(out, tid, StunErrorCode.BAD_REQUEST, used.integrity(), BindingOutcome.BAD_REQUEST);
        }

        if (!usedPrevious && state.previous() != null) {
            // The browser has switched to the new credentials: the restart is complete.
            credentials.compareAndSet(state, new CredentialState(state.current(), null));
        }
        BindingOutcome outcome = recordCheck(source, request);
        StunWriter.bindingSuccess(out, tid, source, used.integrity());
        return outcome;
    }

    private static Credentials match(Credentials c, String username) {
        return c != null && c.expectedUsername().equals(username) ? c : null;
    }

    private BindingOutcome recordCheck(InetSocketAddress source, StunMessage request) {
        long now = nanoTime.getAsLong();
        CandidatePair old = pairs.remove(source);
        boolean nominated = request.useCandidate() || (old != null && old.nominated());
        if (old == null && pairs.size() >= MAX_PAIRS) {
            evictOldestUnselected();
        }
        pairs.put(source, new CandidatePair(source, request.priority(), now, nominated));

        InetSocketAddress selected = selectedRemote;
        if (selected == null || selected.equals(source)) {
            lastConsentNanos = now;
        }
        if (request.useCandidate() && !source.equals(selected)) {
            selectedRemote = source;
            lastConsentNanos = now;
            return BindingOutcome.NOMINATED;
        }
        return BindingOutcome.SUCCESS;
    }

    private void evictOldestUnselected() {
        InetSocketAddress selected = selectedRemote;
        var it = pairs.keySet().iterator();
        while (it.hasNext()) {
            if (!it.next().equals(selected)) {
                it.remove();
                return;
            }
        }
    }

    /**
     * A message that failed to parse gets a 400 only when its header is a STUN Binding request whose transaction id
     * we can echo (RFC 8489 §6.3); anything else is not ours to answer.
     */
    private static BindingOutcome answerMalformed(ByteBuf in, int offset, int length, ByteBuf out) {
        if (offset < 0 || length < HEADER_LENGTH || offset > in.capacity() - length
                || in.getUnsignedShort(offset) != 0x0001 || in.getInt(offset + 4) != MAGIC_COOKIE) {
            return BindingOutcome.DROPPED;
        }
        byte[] tid = new byte[TRANSACTION_ID_LENGTH];
        in.getBytes(offset + 8, tid);
        return error(out, tid, StunErrorCode.BAD_REQUEST, null, BindingOutcome.BAD_REQUEST);
    }

    private static BindingOutcome error(ByteBuf out, byte[] tid, int code, MessageIntegrity integrity,
                                        BindingOutcome outcome) {
        StunWriter.errorResponse(out, METHOD_BINDING, tid, code, integrity);
        return outcome;
    }

    private static BindingOutcome unknownAttributes(ByteBuf out, byte[] tid, int[] types,
                                                    MessageIntegrity integrity) {
        int start = StunWriter.begin(out,
                StunMessage.messageType(METHOD_BINDING, dev.plenum.media.stun.StunClass.ERROR_RESPONSE), tid);
        StunWriter.errorCode(out, start, StunErrorCode.UNKNOWN_ATTRIBUTE,
                StunErrorCode.reasonPhrase(StunErrorCode.UNKNOWN_ATTRIBUTE));
        byte[] list = new byte[types.length * 2];
        for (int i = 0; i < types.length; i++) {
            list[2 * i] = (byte) (types[i] >>> 8);
            list[2 * i + 1] = (byte) types[i];
        }
        StunWriter.attribute(out, start, UNKNOWN_ATTRIBUTES, list);
        StunWriter.messageIntegrity(out, start, integrity);
        StunWriter.fingerprint(out, start);
        return BindingOutcome.UNKNOWN_ATTRIBUTE;
    }
}
