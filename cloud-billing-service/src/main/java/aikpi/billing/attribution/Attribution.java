package aikpi.billing.attribution;

import aikpi.billing.ledger.Product;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How much of a quarter's cloud revenue AI drives, and how much of that is cash. Money in CNY exact to the fen;
 * ratios at six decimals (0.113302 = 11.3302%); {@code *Pct} and {@code *Pp} in percentage points, two decimals.
 * Figures that need the reported group and cloud revenue are null when the quarter was not reported
 * ({@code reported: false}, and {@code note} says so).
 */
@Serdeable
public record Attribution(
        String period,
        String fiscalQuarter,
        LocalDate from,
        LocalDate to,
        boolean reported,
        @Nullable String note,
        @Nullable String source,
        @Nullable BigDecimal groupRevenueCny,
        @Nullable BigDecimal cloudRevenueCny,
        @Nullable BigDecimal cloudShare,
        @Nullable BigDecimal cloudSharePct,
        BigDecimal baselineShare,
        @Nullable BigDecimal shareGapPp,
        BigDecimal ledgerTotalCny,
        BigDecimal ledgerCashCny,
        BigDecimal ledgerVoucherCny,
        @Nullable BigDecimal unattributedCny,
        BigDecimal aiRevenueCny,
        BigDecimal aiCashRevenueCny,
        BigDecimal aiVoucherRevenueCny,
        Map<Product, FundingSplit> aiByProduct,
        @Nullable BigDecimal aiShareOfCloud,
        @Nullable BigDecimal aiCashShareOfCloud,
        @Nullable BigDecimal shareWithoutAi,
        List<InvesteeFigures> investees,
        List<BusinessUnitFigures> businessUnits,
        long payingCustomers,
        Reconciliation reconciliation,
        Map<String, String> definitions,
        List<CurrencyFigures> currencies,
        List<RateUsed> fxRates) {

    /** The answer with the period's ledger revenue by billed currency and the rates its lines were converted at. */
    public Attribution withCurrencies(List<CurrencyFigures> byCurrency, List<RateUsed> rates) {
        return new Attribution(period, fiscalQuarter, from, to, reported, note, source, groupRevenueCny, cloudRevenueCny,
                cloudShare, cloudSharePct, baselineShare, shareGapPp, ledgerTotalCny, ledgerCashCny, ledgerVoucherCny,
                unattributedCny, aiRevenueCny, aiCashRevenueCny, aiVoucherRevenueCny, aiByProduct, aiShareOfCloud,
                aiCashShareOfCloud, shareWithoutAi, investees, businessUnits, payingCustomers, reconciliation,
                definitions, byCurrency, rates);
    }

    /**
     * The ledger revenue of one billed currency: as billed, in CNY, and its share of the period's ledger revenue in CNY
     * (six decimals; null when that is zero).
     */
    @Serdeable
    public record CurrencyFigures(String currency, BigDecimal billedAmount, BigDecimal amountCny,
                                  @Nullable BigDecimal share) {
    }

    /** A rate (CNY per unit, its day and version) that converted some of the period's lines. */
    @Serdeable
    public record RateUsed(String currency, LocalDate day, BigDecimal cnyPerUnit, int version, String source) {
    }

    /** An amount split by how it was paid. */
    @Serdeable
    public record FundingSplit(BigDecimal totalCny, BigDecimal cashCny, BigDecimal voucherCny) {
    }

    /** An investee model company: what it paid in cash and what it spent out of vouchers. */
    @Serdeable
    public record InvesteeFigures(String customerId, BigDecimal cashCny, BigDecimal voucherCny, BigDecimal totalCny,
                                  BigDecimal aiCny) {
    }

    /** One of the group's own business units: what it spent on cloud, and on AI products within that. */
    @Serdeable
    public record BusinessUnitFigures(String businessUnit, BigDecimal cloudSpendCny, BigDecimal aiSpendCny) {
    }

    /** Whether reconciliation with tongyi-service's metering could be done. */
    public enum ReconciliationStatus {
        OK,
        UNAVAILABLE
    }

    /**
     * Billed MaaS tokens against the tokens tongyi-service metered in the same quarter, and what a million tokens
     * brought in. Metered figures are null when tongyi-service could not be read ({@code detail} says why). Billed
     * tokens are a {@link BigInteger}: one batch of lines at the per-line maximum already sums past a {@code long}.
     */
    @Serdeable
    public record Reconciliation(
            ReconciliationStatus status,
            @Nullable String detail,
            BigInteger billedTokens,
            @Nullable Long meteredTokens,
            @Nullable BigInteger differenceTokens,
            @Nullable BigDecimal differenceRatio,
            BigDecimal maasRevenueCny,
            BigDecimal maasCashRevenueCny,
            @Nullable BigDecimal revenuePerMillionTokensCny,
            @Nullable BigDecimal cashRevenuePerMillionTokensCny,
            @Nullable BigDecimal revenuePerMillionBilledTokensCny) {
    }
}
