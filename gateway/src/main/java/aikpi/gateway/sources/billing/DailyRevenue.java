package aikpi.gateway.sources.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The part of cloud-billing-service's {@code GET /api/v1/ledger/daily} the gateway reads: revenue per booking day and
 * business unit (a unit's row is its own INTERNAL lines, the row without a unit every other line; a day without a
 * line has no row). The AI revenue paid with vouchers is {@code aiCny − aiCashCny}.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record DailyRevenue(String period, List<Row> rows) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(LocalDate day, @Nullable String businessUnit, BigDecimal amountCny, BigDecimal aiCny,
                      BigDecimal aiCashCny, BigDecimal maasCny) {
    }
}
