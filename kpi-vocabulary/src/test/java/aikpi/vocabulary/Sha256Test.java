package aikpi.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void aSinglePartIsTheStandardDigestAndPartsAreSeparated() {
        // FIPS 180-2's test vector for "abc".
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // (source, id) pairs that concatenate alike are still different ids.
        assertThat(Sha256.hex("//a", "bc")).isNotEqualTo(Sha256.hex("//ab", "c")).isNotEqualTo(Sha256.hex("//abc"));
    }
}
