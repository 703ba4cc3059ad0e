package dev.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.ice.UfragRegistry.Registration;
import dev.plenum.media.stun.MessageIntegrity;
import dev.plenum.media.stun.StunMessages;
import dev.plenum.media.stun.StunWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class UfragRegistryTest {

    private final UfragRegistry<String> registry = new UfragRegistry<>(3);
    private final UfragRegistry.Probe probe = registry.newProbe();

    @Test
    void findsTheParticipantFromTheUsernameOfAStunCheckWithoutCopying() {
        registry.register("sfuA", "alice");
        registry.register("sfuB", "bob");
        ByteBuf check = Unpooled.buffer();
        check.writeZero(10);
        int start = StunWriter.begin(check, 0x0001, new byte[12]);
        StunWriter.username(check, start, "sfuB:brwX");
        StunWriter.messageIntegrity(check, start, MessageIntegrity.shortTerm("x".repeat(22)));
        StunWriter.fingerprint(check, start);

        long span = StunMessages.usernameLocalPart(check, 10, check.writerIndex() - 10);
        assertThat(registry.lookup(probe, check, StunMessages.spanOffset(span), StunMessages.spanLength(span)))
                .isEqualTo("bob");
    }

    @Test
    void unknownOrPrefixUfragsFindNothing() {
        registry.register("sfuA", "alice");
        ByteBuf b = Unpooled.copiedBuffer("sfuAB sfu sfuZ", StandardCharsets.US_ASCII);
        assertThat(registry.lookup(probe, b, 0, 5)).isNull();
        assertThat(registry.lookup(probe, b, 6, 3)).isNull();
        assertThat(registry.lookup(probe, b, 10, 4)).isNull();
        assertThat(registry.lookup(probe, b, 0, 4)).isEqualTo("alice");
    }

    @Test
    void refusesDuplicatesAndRegistrationsBeyondTheBound() {
        assertThat(registry.register("aaaa", "1")).isEqualTo(Registration.REGISTERED);
        assertThat(registry.register("aaaa", "2")).isEqualTo(Registration.DUPLICATE);
        assertThat(registry.register("bbbb", "2")).isEqualTo(Registration.REGISTERED);
        assertThat(registry.register("cccc", "3")).isEqualTo(Registration.REGISTERED);
        assertThat(registry.register("dddd", "4")).isEqualTo(Registration.FULL);
        assertThat(registry.size()).isEqualTo(3);

        assertThat(registry.unregister("aaaa", "other")).isFalse();
        assertThat(registry.unregister("aaaa", "1")).isTrue();
        assertThat(registry.get("aaaa")).isNull();
        assertThat(registry.register("dddd", "4")).isEqualTo(Registration.REGISTERED);
        assertThat(registry.get("dddd")).isEqualTo("4");
    }

    @Test
    void concurrentRegistrationsNeverExceedTheBound() throws Exception {
        UfragRegistry<Integer> shared = new UfragRegistry<>(100);
        ConcurrentHashMap<Registration, Integer> counts = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 60; i++) {
                    counts.merge(shared.register("u" + (base + i) + "xx", i), 1, Integer::sum);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(counts.get(Registration.REGISTERED)).isEqualTo(100);
        assertThat(counts.get(Registration.FULL)).isEqualTo(140);
        assertThat(shared.size()).isEqualTo(100);
    }
}
