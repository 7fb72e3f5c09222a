package aikpi.gateway.sources.tongyi;

import aikpi.gateway.sources.tongyi.TongyiKpis.Counters;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The part of tongyi-service's {@code GET /api/v1/hub-stats/summary} the gateway reads: the downloads, likes and
 * derivatives every model gained in the period, and the same per model or platform (the rows add up to it).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record HubSummary(String period, Counters gained, List<Row> rows) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(String key, Counters gained) {
    }
}
