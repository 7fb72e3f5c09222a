package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void randomIdsAreVersion4UuidsDistinctRepeatableAndOtherForAnotherPrefix() {
        Set<String> ids = new HashSet<>();
        LongStream.range(0, 200_000).forEach(n -> ids.add(EventIds.RANDOM.id("fill-", n)));
        assertThat(ids).hasSize(200_000);
        UUID first = UUID.fromString(EventIds.RANDOM.id("fill-", 0));
        assertThat(first.version()).isEqualTo(4);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(EventIds.RANDOM.id("fill-", 7)).isEqualTo(EventIds.RANDOM.id("fill-", 7))
                .isNotEqualTo(EventIds.RANDOM.id("cmp-1-", 7));
    }

    @Test
    void sequentialIdsAreThePrefixAndTheNumber() {
        assertThat(EventIds.SEQUENTIAL.id("bench-", 42)).isEqualTo("bench-42");
    }
}
