package dev.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class FiveTupleTableTest {
    private static final InetSocketAddress A = new InetSocketAddress("192.0.2.1", 1000);
    private static final InetSocketAddress B = new InetSocketAddress("192.0.2.1", 1001);
    private static final InetSocketAddress C = new InetSocketAddress("2001:db8::1", 1000);

    private final FiveTupleTable<String> table = new FiveTupleTable<>(2);

    @Test
    void looksUpByAnEqualAddressObject() {
        table.bind(A, "alice");
        assertThat(table.get(new InetSocketAddress("192.0.2.1", 1000))).isEqualTo("alice");
        assertThat(table.get(B)).isNull();
    }

    @Test
    void isBoundedButRebindingAKnownAddressAlwaysWorks() {
        assertThat(table.bind(A, "alice")).isTrue();
        assertThat(table.bind(B, "bob")).isTrue();
        assertThat(table.bind(C, "carol")).isFalse();
        assertThat(table.get(C)).isNull();
        assertThat(table.bind(B, "carol")).isTrue(); // the address moved to another participant
        assertThat(table.get(B)).isEqualTo("carol");
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void unbindOnlyRemovesTheParticipantsOwnBinding() {
        table.bind(A, "alice");
        table.bind(B, "alice");
        assertThat(table.unbind(A, "bob")).isFalse();
        table.unbindAll("alice");
        assertThat(table.get(A)).isNull();
        assertThat(table.get(B)).isNull();
        assertThat(table.size()).isZero();
    }
}
