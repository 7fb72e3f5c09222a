package aikpi.billing.ledger;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Reads of single lines, and of lines by billed currency and by model; lines are written by {@link LedgerStore} and the import,
 * and changed only by a rebook of their rates ({@code aikpi.billing.fx.FxRebook}).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LedgerLineRepository extends GenericRepository<LedgerLine, String> {

    Optional<LedgerLine> findById(String lineId);

    List<LedgerLine> findByCorrectionOf(String correctionOf);

    /** A period's lines of one billed currency: their billed sum and its CNY value. */
    @Introspected
    record CurrencySums(String currency, @Nullable BigDecimal lineCount, @Nullable BigDecimal billedAmount,
                        @Nullable BigDecimal amountCny, @Nullable BigDecimal cashCny, @Nullable BigDecimal voucherCny,
                        @Nullable BigDecimal tokens) {
    }

    /** A rate that converted some of a period's lines. */
    @Introspected
    record RateUsed(String currency, LocalDate rateDay, BigDecimal cnyPerUnit, Integer version, String source) {
    }

    // The daily rollup is kept in CNY: a breakdown by billed currency reads the period's lines (booked_on index).
    @Query(value = """
            SELECT billed_currency AS currency, COUNT(*) AS line_count, SUM(COALESCE(billed_amount, amount_cny)) AS billed_amount,
                   SUM(amount_cny) AS amount_cny,
                   SUM(CASE WHEN funding = 'CASH' THEN amount_cny ELSE 0 END) AS cash_cny,
                   SUM(CASE WHEN funding = 'VOUCHER' THEN amount_cny ELSE 0 END) AS voucher_cny,
                   SUM(tokens) AS tokens
            FROM ledger_line WHERE booked_on >= :firstDay AND booked_on <= :lastDay
            GROUP BY billed_currency ORDER BY currency""", nativeQuery = true)
    List<CurrencySums> byCurrency(LocalDate firstDay, LocalDate lastDay);

    /** A period's MaaS token lines that name one model: their CNY sums and billed tokens. */
    @Introspected
    record ModelSums(String model, @Nullable BigDecimal lineCount, @Nullable BigDecimal amountCny,
                     @Nullable BigDecimal cashCny, @Nullable BigDecimal voucherCny, @Nullable BigDecimal tokens) {
    }

    // The daily rollup has no model: MaaS revenue by model reads the period's lines (booked_on index). With a business
    // unit, only that unit's own (INTERNAL) lines: its drill-down.
    @Query(value = """
            SELECT model, COUNT(*) AS line_count, SUM(amount_cny) AS amount_cny,
                   SUM(CASE WHEN funding = 'CASH' THEN amount_cny ELSE 0 END) AS cash_cny,
                   SUM(CASE WHEN funding = 'VOUCHER' THEN amount_cny ELSE 0 END) AS voucher_cny,
                   SUM(tokens) AS tokens
            FROM ledger_line WHERE booked_on >= :firstDay AND booked_on <= :lastDay
              AND product = 'MAAS_TOKENS' AND model IS NOT NULL
              AND (CAST(:businessUnit AS VARCHAR(64)) IS NULL
                   OR (customer_kind = 'INTERNAL' AND business_unit = :businessUnit))
            GROUP BY model ORDER BY model""", nativeQuery = true)
    List<ModelSums> byModel(LocalDate firstDay, LocalDate lastDay, @Nullable String businessUnit);

    @Query(value = """
            SELECT r.currency, r.rate_day, r.cny_per_unit, r.version, r.source
            FROM fx_rate r JOIN (SELECT DISTINCT billed_currency, fx_day, fx_version FROM ledger_line
                                 WHERE booked_on >= :firstDay AND booked_on <= :lastDay AND fx_day IS NOT NULL) u
              ON r.currency = u.billed_currency AND r.rate_day = u.fx_day AND r.version = u.fx_version
            ORDER BY r.currency, r.rate_day, r.version""", nativeQuery = true)
    List<RateUsed> ratesUsed(LocalDate firstDay, LocalDate lastDay);
}
