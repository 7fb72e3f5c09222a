package aikpi.billing.metering;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The part of tongyi's usage summary that billing reads: the period it covers and its metered tokens. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeteredUsage(String period, List<Row> rows) {

    /** One row of the summary; without a grouping there is one, keyed {@code total}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(String key, long totalTokens) {
    }

    /** Input and output tokens of every row. */
    public long tokensMetered() {
        return rows == null ? 0 : rows.stream().mapToLong(Row::totalTokens).sum();
    }
}
