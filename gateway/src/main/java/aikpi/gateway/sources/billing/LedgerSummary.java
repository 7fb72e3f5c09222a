package aikpi.gateway.sources.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The part of cloud-billing-service's {@code GET /api/v1/ledger/summary} the drivers read: per row, all ledger
 * revenue, its AI-attributed part (MaaS tokens, AI compute, AI apps), the AI part paid in cash, and MaaS token revenue.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record LedgerSummary(String period, String groupBy, List<Row> rows) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(String key, BigDecimal amountCny, @Nullable BigDecimal aiCny, @Nullable BigDecimal aiCashCny,
                      @Nullable BigDecimal maasCny) {
    }
}
