package dev.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.stun.MessageIntegrity;
import dev.plenum.media.stun.StunAttributes;
import dev.plenum.media.stun.StunClass;
import dev.plenum.media.stun.StunMessage;
import dev.plenum.media.stun.StunMessages;
import dev.plenum.media.stun.StunParser;
import dev.plenum.media.stun.StunWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IceLiteResponderTest {
    private static final IceCredentials LOCAL = new IceCredentials("sfuA", "sfuPasswordSfuPassword12");
    private static final String REMOTE_UFRAG = "brwX";
    private static final InetSocketAddress WIFI = new InetSocketAddress("192.0.2.10", 50000);
    private static final InetSocketAddress LTE = new InetSocketAddress("2001:db8::7", 40000);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final IceLiteResponder responder = new IceLiteResponder(LOCAL, REMOTE_UFRAG, clock::get);
    private final Random random = new Random(7);

    /** Builds a check the way a browser (controlling, full agent) sends it. */
    private final class Check {
        String username = LOCAL.ufrag() + ":" + REMOTE_UFRAG;
        String password = LOCAL.pwd();
        boolean useCandidate;
        boolean controlled;
        boolean integrity = true;
        boolean fingerprint = true;
        boolean unknownRequired;
        byte[] tid = new byte[12];

        ByteBuf bytes() {
            random.nextBytes(tid);
            ByteBuf b = Unpooled.buffer();
            b.writeBytes(new byte[] {9, 9, 9}); // the packet does not start at index 0
            int start = StunWriter.begin(b, 0x0001, tid);
            if (username != null) {
                StunWriter.username(b, start, username);
            }
            StunWriter.attribute(b, start, 0xC057, new byte[] {0, 1, 0, 10}); // GOOG-NETWORK-INFO: ignored
            if (unknownRequired) {
                StunWriter.attribute(b, start, 0x7F00, new byte[] {1});
            }
            if (controlled) {
                StunWriter.iceControlled(b, start, 42);
            } else {
                StunWriter.iceControlling(b, start, 42);
            }
            StunWriter.priority(b, start, 0x6e0001ffL);
            if (useCandidate) {
                StunWriter.useCandidate(b, start);
            }
            if (integrity) {
                StunWriter.messageIntegrity(b, start, MessageIntegrity.shortTerm(password));
            }
            if (fingerprint) {
                StunWriter.fingerprint(b, start);
            }
            b.writeBytes(new byte[] {9, 9}); // nor end at the buffer's end
            return b;
        }
    }

    private BindingOutcome send(Check check, InetSocketAddress from, ByteBuf out) {
        ByteBuf in = check.bytes();
        return responder.onBindingRequest(in, 3, in.writerIndex() - 5, from, out);
    }

    private BindingOutcome send(Check check, InetSocketAddress from) {
        return send(check, from, Unpooled.buffer());
    }

    private StunMessage response(ByteBuf out) {
        return (StunMessage) StunParser.parse(out, 0, out.readableBytes());
    }

    @Test
    void validCheckIsAnsweredWithTheSourceAsXorMappedAddressAuthenticatedByOurPassword() {
        Check check = new Check();
        ByteBuf out = Unpooled.buffer();
        assertThat(send(check, WIFI, out)).isEqualTo(BindingOutcome.SUCCESS);

        StunMessage r = response(out);
        assertThat(r.method()).isEqualTo(StunAttributes.METHOD_BINDING);
        assertThat(r.stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.transactionId()).isEqualTo(check.tid);
        assertThat(r.xorMappedAddress()).isEqualTo(WIFI);
        assertThat(MessageIntegrity.shortTerm(LOCAL.pwd()).verify(out, 0, r)).isTrue();
        assertThat(StunMessages.fingerprintMatches(out, 0, r)).isTrue();
        assertThat(responder.selectedRemote()).isNull();
        assertThat(responder.pairs()).extracting(CandidatePair::remote).containsExactly(WIFI);
    }

    @Test
    void wrongPasswordGets401WithoutIntegrity() {
        Check check = new Check();
        check.password = "notTheRightPasswordAtAll";
        ByteBuf out = Unpooled.buffer();
        assertThat(send(check, WIFI, out)).isEqualTo(BindingOutcome.UNAUTHENTICATED);
        StunMessage r = response(out);
        assertThat(r.stunClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(r.errorCode()).isEqualTo(401);
        assertThat(r.hasMessageIntegrity()).isFalse();
        assertThat(StunMessages.fingerprintMatches(out, 0, r)).isTrue();
        assertThat(responder.pairs()).isEmpty();
    }

    @Test
    void wrongUsernameGets401() {
        Check wrongRemote = new Check();
        wrongRemote.username = LOCAL.ufrag() + ":someoneElse";
        assertThat(send(wrongRemote, WIFI)).isEqualTo(BindingOutcome.UNAUTHENTICATED);
        Check wrongLocal = new Check();
        wrongLocal.username = "zzzz:" + REMOTE_UFRAG;
        assertThat(send(wrongLocal, WIFI)).isEqualTo(BindingOutcome.UNAUTHENTICATED);
    }

    @Test
    void missingUsernameIntegrityOrFingerprintGets400() {
        Check noUser = new Check();
        noUser.username = null;
        ByteBuf out = Unpooled.buffer();
        assertThat(send(noUser, WIFI, out)).isEqualTo(BindingOutcome.BAD_REQUEST);
        assertThat(response(out).errorCode()).isEqualTo(400);

        Check noIntegrity = new Check();
        noIntegrity.integrity = false;
        assertThat(send(noIntegrity, WIFI)).isEqualTo(BindingOutcome.BAD_REQUEST);

        Check noFingerprint = new Check();
        noFingerprint.fingerprint = false;
        assertThat(send(noFingerprint, WIFI)).isEqualTo(BindingOutcome.BAD_REQUEST);
    }

    @Test
    void malformedBindingRequestGets400EchoingTheTransactionId() {
        ByteBuf in = new Check().bytes();
        byte[] tid = new byte[12];
        in.getBytes(3 + 8, tid);
        in.setShort(3 + 2, in.getUnsignedShort(3 + 2) + 4); // header length no longer matches
        ByteBuf out = Unpooled.buffer();
        assertThat(responder.onBindingRequest(in, 3, in.writerIndex() - 5, WIFI, out))
                .isEqualTo(BindingOutcome.BAD_REQUEST);
        assertThat(response(out).errorCode()).isEqualTo(400);
        assertThat(response(out).transactionId()).isEqualTo(tid);
    }

    @Test
    void corruptedFingerprintOrNonStunIsDroppedSilently() {
        ByteBuf in = new Check().bytes();
        int last = in.writerIndex() - 3;
        in.setByte(last, in.getByte(last) ^ 1);
        ByteBuf out = Unpooled.buffer();
        assertThat(responder.onBindingRequest(in, 3, in.writerIndex() - 5, WIFI, out))
                .isEqualTo(BindingOutcome.DROPPED);
        assertThat(out.readableBytes()).isZero();

        ByteBuf rtp = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1});
        assertThat(responder.onBindingRequest(rtp, 0, 12, WIFI, out)).isEqualTo(BindingOutcome.DROPPED);
        assertThat(out.readableBytes()).isZero();
    }

    @Test
    void browserClaimingTheControlledRoleGets487() {
        Check check = new Check();
        check.controlled = true;
        ByteBuf out = Unpooled.buffer();
        assertThat(send(check, WIFI, out)).isEqualTo(BindingOutcome.ROLE_CONFLICT);
        StunMessage r = response(out);
        assertThat(r.errorCode()).isEqualTo(487);
        assertThat(MessageIntegrity.shortTerm(LOCAL.pwd()).verify(out, 0, r)).isTrue();
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() {
        Check check = new Check();
        check.unknownRequired = true;
        ByteBuf out = Unpooled.buffer();
        assertThat(send(check, WIFI, out)).isEqualTo(BindingOutcome.UNKNOWN_ATTRIBUTE);
        assertThat(response(out).errorCode()).isEqualTo(420);
    }

    @Test
    void useCandidateSelectsThePairAndALaterNominationSwitchesIt() {
        Check plain = new Check();
        Check nominate = new Check();
        nominate.useCandidate = true;

        assertThat(send(plain, WIFI)).isEqualTo(BindingOutcome.SUCCESS);
        assertThat(send(nominate, WIFI)).isEqualTo(BindingOutcome.NOMINATED);
        assertThat(responder.selectedRemote()).isEqualTo(WIFI);
        assertThat(send(nominate, WIFI)).isEqualTo(BindingOutcome.SUCCESS); // already selected

        // Network change: checks arrive from the phone's new address, then it is nominated.
        assertThat(send(plain, LTE)).isEqualTo(BindingOutcome.SUCCESS);
        assertThat(responder.selectedRemote()).isEqualTo(WIFI);
        assertThat(send(nominate, LTE)).isEqualTo(BindingOutcome.NOMINATED);
        assertThat(responder.selectedRemote()).isEqualTo(LTE);
    }

    @Test
    void consentExpiresThirtySecondsAfterTheLastCheckOnTheSelectedPair() {
        Check nominate = new Check();
        nominate.useCandidate = true;
        send(nominate, WIFI);
        long t0 = clock.get();
        assertThat(responder.consentExpired(t0 + Duration.ofSeconds(30).toNanos())).isFalse();
        assertThat(responder.consentExpired(t0 + Duration.ofSeconds(30).toNanos() + 1)).isTrue();

        clock.addAndGet(Duration.ofSeconds(20).toNanos());
        send(new Check(), WIFI); // consent refresh
        assertThat(responder.consentExpired(t0 + Duration.ofSeconds(45).toNanos())).isFalse();

        // Checks from another address do not keep the selected pair alive.
        clock.addAndGet(Duration.ofSeconds(25).toNanos());
        send(new Check(), LTE);
        assertThat(responder.consentExpired(clock.get() + Duration.ofSeconds(6).toNanos())).isTrue();
    }

    @Test
    void consentCountsFromCreationBeforeAnyCheck() {
        assertThat(responder.consentExpired(clock.get() + Duration.ofSeconds(29).toNanos())).isFalse();
        assertThat(responder.consentExpired(clock.get() + Duration.ofSeconds(31).toNanos())).isTrue();
    }

    @Test
    void failedChecksDoNotRefreshConsent() {
        clock.addAndGet(Duration.ofSeconds(29).toNanos());
        Check bad = new Check();
        bad.password = "notTheRightPasswordAtAll";
        send(bad, WIFI);
        assertThat(responder.consentExpired(clock.get() + Duration.ofSeconds(2).toNanos())).isTrue();
    }

    @Test
    void iceRestartKeepsOldCredentialsAndSelectedPairUntilTheNewOnesAreUsed() {
        Check nominate = new Check();
        nominate.useCandidate = true;
        send(nominate, WIFI);

        responder.restart("sfuB", "newSfuPasswordNewSfuPwd", "brwY");
        assertThat(responder.localUfrag()).isEqualTo("sfuB");
        assertThat(responder.previousLocalUfrag()).isEqualTo("sfuA");

        // Old credentials still refresh consent on the selected pair.
        assertThat(send(new Check(), WIFI)).isEqualTo(BindingOutcome.SUCCESS);
        assertThat(responder.selectedRemote()).isEqualTo(WIFI);

        Check fresh = new Check();
        fresh.username = "sfuB:brwY";
        fresh.password = "newSfuPasswordNewSfuPwd";
        ByteBuf out = Unpooled.buffer();
        assertThat(send(fresh, LTE, out)).isEqualTo(BindingOutcome.SUCCESS);
        assertThat(MessageIntegrity.shortTerm("newSfuPasswordNewSfuPwd").verify(out, 0, response(out))).isTrue();
        assertThat(responder.previousLocalUfrag()).isNull();
        assertThat(responder.selectedRemote()).isEqualTo(WIFI);

        assertThat(send(new Check(), WIFI)).isEqualTo(BindingOutcome.UNAUTHENTICATED);
        fresh.useCandidate = true;
        assertThat(send(fresh, LTE)).isEqualTo(BindingOutcome.NOMINATED);
        assertThat(responder.selectedRemote()).isEqualTo(LTE);
    }

    @Test
    void rememberedPairsAreBoundedAndTheSelectedOneSurvivesEviction() {
        Check nominate = new Check();
        nominate.useCandidate = true;
        send(nominate, WIFI);
        for (int port = 1; port <= 40; port++) {
            send(new Check(), new InetSocketAddress("198.51.100.1", port));
        }
        assertThat(responder.pairs()).hasSize(IceLiteResponder.MAX_PAIRS);
        assertThat(responder.pairs()).extracting(CandidatePair::remote).contains(WIFI);
    }
}
