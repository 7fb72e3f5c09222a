package aikpi.gateway.sources.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

/** The part of cloud-billing-service's {@code GET /api/v1/attribution} the gateway reads. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Attribution(
        String period,
        boolean reported,
        @Nullable BigDecimal groupRevenueCny,
        @Nullable BigDecimal cloudRevenueCny,
        @Nullable BigDecimal cloudShare,
        BigDecimal baselineShare,
        @Nullable BigDecimal shareGapPp,
        BigDecimal aiRevenueCny,
        BigDecimal aiCashRevenueCny,
        BigDecimal aiVoucherRevenueCny,
        @Nullable BigDecimal aiShareOfCloud,
        @Nullable BigDecimal aiCashShareOfCloud,
        @Nullable BigDecimal shareWithoutAi,
        List<BusinessUnitSpend> businessUnits,
        long payingCustomers,
        Reconciliation reconciliation,
        @Nullable List<CurrencyFigures> currencies,
        @Nullable List<RateUsed> fxRates) {

    /** The period's ledger revenue billed in one currency: as billed, in CNY, and its share of the CNY total. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CurrencyFigures(String currency, BigDecimal billedAmount, BigDecimal amountCny,
                                 @Nullable BigDecimal share) {
    }

    /** A dated rate the period's ledger lines were converted at (CNY per unit, its version and source). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RateUsed(String currency, LocalDate day, BigDecimal cnyPerUnit, int version, String source) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BusinessUnitSpend(String businessUnit, BigDecimal cloudSpendCny) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reconciliation(String status, BigInteger billedTokens, @Nullable Long meteredTokens,
                                 BigDecimal maasRevenueCny, @Nullable BigDecimal revenuePerMillionTokensCny) {
    }
}
