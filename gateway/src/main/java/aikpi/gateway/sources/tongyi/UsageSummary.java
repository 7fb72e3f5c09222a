package aikpi.gateway.sources.tongyi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The part of tongyi-service's {@code GET /api/v1/usage/summary} the gateway reads. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageSummary(String period, List<Row> rows) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(String key, long totalTokens) {
    }
}
