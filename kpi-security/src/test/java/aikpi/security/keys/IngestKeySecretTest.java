package aikpi.security.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

class IngestKeySecretTest {

    private static final String STRONG = "a-production-ingest-key-secret-of-more-than-32-bytes";

    @Test
    void developmentHasABuiltInSecretAndProductionTakesNoKeyWithoutOne() {
        assertThat(IngestKeys.secret(true, null)).isNotNull();
        assertThat(IngestKeys.secret(true, "")).isNotNull();
        assertThat(IngestKeys.secret(false, null)).isNull();
        assertThat(IngestKeys.secret(false, "  ")).isNull();
        assertThat(IngestKeys.secret(false, STRONG)).isNotNull();
    }

    @Test
    void aShortSecretOrTheDevelopmentOneOutsideDevelopmentStopsTheStart() {
        assertThatThrownBy(() -> IngestKeys.secret(true, "x".repeat(31))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("shorter than 256 bits");
        assertThatThrownBy(() -> IngestKeys.secret(false, IngestKeys.DEVELOPMENT_SECRET))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("KPI_INGEST_KEY_SECRET");
        assertThat(IngestKeys.secret(true, IngestKeys.DEVELOPMENT_SECRET)).isNotNull();
    }
}
