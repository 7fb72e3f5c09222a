package aikpi.gateway.sources.tongyi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The part of tongyi-service's {@code GET /api/v1/resources/summary} the gateway reads: the period's GPU cost, and the
 * same per model or purpose. By model, the cost of entries naming no model is in {@code costCny} and in no row.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceSummary(String period, BigDecimal costCny, List<Row> rows) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(String key, BigDecimal costCny) {
    }
}
