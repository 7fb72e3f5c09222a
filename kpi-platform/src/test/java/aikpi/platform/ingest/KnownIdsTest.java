package aikpi.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KnownIdsTest {

    private final Set<String> stored = Set.of("acme", "beta", "gamma");
    private final List<Collection<String>> lookups = new ArrayList<>();

    private KnownIds known(long maximumSize) {
        return new KnownIds(maximumSize, 64, ids -> {
            lookups.add(List.copyOf(ids));
            return ids.stream().filter(stored::contains).toList();
        });
    }

    @Test
    void aBatchIsLookedUpOnceAndWhatExistsIsRemembered() {
        KnownIds ids = known(100);
        assertThat(ids.unknownAmong(List.of("acme", "nope", "beta", "acme"))).containsExactly("nope");
        assertThat(lookups).containsExactly(List.of("acme", "nope", "beta"));
        // Known ids are not looked up again; an unknown one is (it may have been created since).
        assertThat(ids.unknownAmong(List.of("beta", "acme", "nope"))).containsExactly("nope");
        assertThat(lookups).hasSize(2).last().isEqualTo(List.of("nope"));
        assertThat(ids.exists("gamma")).isTrue();
        assertThat(ids.remembered()).isEqualTo(3);
    }

    @Test
    void anIdLongerThanItsColumnIsUnknownWithoutALookUp() {
        KnownIds ids = known(100);
        assertThat(ids.exists("x".repeat(65))).isFalse();
        assertThat(lookups).isEmpty();
    }

    @Test
    void theMemoryIsBounded() {
        KnownIds ids = new KnownIds(1_000, 64, all -> all);
        List<String> many = IntStream.range(0, 20_000).mapToObj(i -> "customer-" + i).toList();
        assertThat(ids.unknownAmong(many)).isEmpty();
        assertThat(ids.remembered()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void largeBatchesAreLookedUpInChunksTheDatabasesBind() {
        KnownIds ids = known(100);
        List<String> many = IntStream.range(0, 1_200).mapToObj(i -> "c" + i).toList();
        assertThat(ids.unknownAmong(many)).hasSize(1_200);
        assertThat(lookups).extracting(Collection::size).containsExactly(500, 500, 200);
    }
}
