package dev.plenum.media.stun;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for everything that reads untrusted STUN bytes. Under plain {@code mvn test} Jazzer runs the seeds in
 * {@code StunParserFuzzTestInputs/parserKeepsItsContract/} (the RFC 5769 samples and some broken ones);
 * with {@code JAZZER_FUZZ=1} it explores.
 */
class StunParserFuzzTest {

    @FuzzTest
    void parserKeepsItsContract(byte[] data) {
        ParserContract.check(data);
    }
}
