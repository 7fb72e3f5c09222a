package aikpi.gateway.sources.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The part of cloud-billing-service's {@code GET /api/v1/ledger/summary?groupBy=model} the gateway reads: the
 * period's MaaS revenue and billed tokens per model its ledger lines name ({@code key} is the model id).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelRevenue(String period, List<Row> rows) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(String key, BigDecimal amountCny, BigInteger tokens) {
    }
}
