package aikpi.billing.ledger;

import aikpi.billing.ledger.LedgerDailyRepository.DailySums;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

/**
 * Sums of the ledger over a period, by booking date, read from the daily rollup ({@link LedgerDailyRepository}).
 * Corrections are lines like any other: a correction booked in the period counts in the period, with its sign,
 * whenever the line it corrects was booked.
 */
@Singleton
public class LedgerSummaryService {

    private final LedgerDailyRepository daily;
    private final LedgerLineRepository lines;

    public LedgerSummaryService(LedgerDailyRepository daily, LedgerLineRepository lines) {
        this.daily = daily;
        this.lines = lines;
    }

    /** The rates that converted the period's lines. */
    public List<LedgerLineRepository.RateUsed> ratesUsed(Period period) {
        return lines.ratesUsed(period.firstDay(), period.lastDay());
    }

    /** The period's lines by billed currency (read from the lines: the daily rollup is kept in CNY only). */
    public List<LedgerLineRepository.CurrencySums> byCurrency(Period period) {
        return lines.byCurrency(period.firstDay(), period.lastDay());
    }

    /** The period's amounts by customer, product and funding. */
    public List<LedgerAmount> amountsIn(Period period) {
        return daily.amounts(period.firstDay(), period.lastDay()).stream()
                .map(a -> new LedgerAmount(a.customerId(), CustomerKind.valueOf(a.customerKind()), a.businessUnit(),
                        Product.valueOf(a.product()), Funding.valueOf(a.funding()), Money.cny(a.amountCny()),
                        tokens(a.tokens())))
                .toList();
    }

    /**
     * The period's lines summed in total or by one dimension; by business unit covers INTERNAL lines only, by model the
     * MaaS token lines that name one.
     */
    public List<LedgerSummaryRow> summary(Period period, LedgerGrouping grouping) {
        if (grouping == LedgerGrouping.CURRENCY) {
            return lines.byCurrency(period.firstDay(), period.lastDay()).stream()
                    .map(s -> new LedgerSummaryRow(s.currency(), count(s.lineCount()), fen(s.amountCny()),
                            fen(s.cashCny()), fen(s.voucherCny()), tokens(s.tokens()), plain(s.billedAmount())))
                    .toList();
        }
        if (grouping == LedgerGrouping.MODEL) {
            return modelRows(lines.byModel(period.firstDay(), period.lastDay(), null));
        }
        List<DailySums> sums = switch (grouping) {
            case TOTAL -> List.of(daily.total(period.firstDay(), period.lastDay()));
            case CUSTOMER -> daily.byCustomer(period.firstDay(), period.lastDay());
            case CUSTOMER_KIND -> daily.byCustomerKind(period.firstDay(), period.lastDay());
            case PRODUCT -> daily.byProduct(period.firstDay(), period.lastDay());
            case BUSINESS_UNIT -> daily.byBusinessUnit(period.firstDay(), period.lastDay());
            case FUNDING -> daily.byFunding(period.firstDay(), period.lastDay());
            case CURRENCY, MODEL -> throw new IllegalStateException("read from the lines above");
        };
        return rows(sums);
    }

    /** One booking day's revenue of a business unit's own (INTERNAL) lines, or of every other line (null unit). */
    @Serdeable
    public record LedgerDay(LocalDate day, @Nullable String businessUnit, BigDecimal amountCny, BigDecimal aiCny,
                            BigDecimal aiCashCny, BigDecimal maasCny) {
    }

    /** The period's revenue per booking day and business unit; days without a line have no row. */
    public List<LedgerDay> days(Period period) {
        return daily.byDayAndBusinessUnit(period.firstDay(), period.lastDay()).stream()
                .map(d -> new LedgerDay(d.bookedOn(), d.businessUnit(), fen(d.amountCny()), fen(d.aiCny()),
                        fen(d.aiCashCny()), fen(d.maasCny())))
                .toList();
    }

    /** One business unit's own (INTERNAL) lines of the period, by product. */
    public List<LedgerSummaryRow> productsOf(Period period, String businessUnit) {
        return rows(daily.byProductOfBusinessUnit(period.firstDay(), period.lastDay(), businessUnit));
    }

    /** One business unit's own (INTERNAL) MaaS lines of the period that name a model, by model. */
    public List<LedgerSummaryRow> modelsOf(Period period, String businessUnit) {
        return modelRows(lines.byModel(period.firstDay(), period.lastDay(), businessUnit));
    }

    private static List<LedgerSummaryRow> modelRows(List<LedgerLineRepository.ModelSums> sums) {
        return sums.stream()
                // MaaS token lines only: all of a model's revenue is AI-attributed and MaaS revenue.
                .map(s -> new LedgerSummaryRow(s.model(), count(s.lineCount()), fen(s.amountCny()),
                        fen(s.cashCny()), fen(s.voucherCny()), tokens(s.tokens()), null, fen(s.amountCny()),
                        fen(s.cashCny()), fen(s.amountCny())))
                .toList();
    }

    private static List<LedgerSummaryRow> rows(List<DailySums> sums) {
        return sums.stream()
                .map(s -> new LedgerSummaryRow(s.groupKey(), count(s.lineCount()), fen(s.amountCny()), fen(s.cashCny()),
                        fen(s.voucherCny()), tokens(s.tokens()), null, fen(s.aiCny()), fen(s.aiCashCny()),
                        fen(s.maasCny())))
                .toList();
    }

    /** A count of lines; SUM over no rows is NULL, zero here. */
    private static long count(BigDecimal sum) {
        return sum == null ? 0 : sum.longValueExact();
    }

    /** A sum of tokens, read as a decimal since it may exceed a {@code long}; SUM over no tokens is NULL, zero here. */
    private static BigInteger tokens(BigDecimal sum) {
        return sum == null ? BigInteger.ZERO : sum.toBigIntegerExact();
    }

    /** A billed sum without trailing zeros. */
    private static BigDecimal plain(BigDecimal sum) {
        if (sum == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = sum.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** A sum at fen scale; SUM over no rows is NULL, which is zero here. */
    private static BigDecimal fen(BigDecimal sum) {
        return Money.cny(sum == null ? BigDecimal.ZERO : sum);
    }
}
