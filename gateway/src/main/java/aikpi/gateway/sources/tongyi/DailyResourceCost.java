package aikpi.gateway.sources.tongyi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The part of tongyi-service's {@code GET /api/v1/resources/daily} the gateway reads: the GPU resource cost per day,
 * training and inference together (a day without an entry has no row).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record DailyResourceCost(String period, List<Row> rows) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(LocalDate day, BigDecimal costCny) {
    }
}
