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

/**
 * Reads of the ledger's daily rollup ({@code ledger_daily}), whose rows sum the lines per booking day (written on the
 * batched paths by {@link LedgerDailyStore}). A sum over no rows is NULL: {@link LedgerSummaryService} reads it as zero.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LedgerDailyRepository extends GenericRepository<LedgerLine, String> {

    /** The AI drivers of cloud revenue: the products whose {@link Product#aiDriven()} is true. */
    String AI_PRODUCTS = "product IN ('MAAS_TOKENS', 'AI_COMPUTE', 'AI_APPS')";
    String SUMS = "SUM(line_count) AS line_count, SUM(amount_cny) AS amount_cny,"
            + " SUM(CASE WHEN funding = 'CASH' THEN amount_cny ELSE 0 END) AS cash_cny,"
            + " SUM(CASE WHEN funding = 'VOUCHER' THEN amount_cny ELSE 0 END) AS voucher_cny, SUM(tokens) AS tokens,"
            + " SUM(CASE WHEN " + AI_PRODUCTS + " THEN amount_cny ELSE 0 END) AS ai_cny,"
            + " SUM(CASE WHEN " + AI_PRODUCTS + " AND funding = 'CASH' THEN amount_cny ELSE 0 END) AS ai_cash_cny,"
            + " SUM(CASE WHEN product = 'MAAS_TOKENS' THEN amount_cny ELSE 0 END) AS maas_cny"
            + " FROM ledger_daily WHERE booked_on >= :firstDay AND booked_on <= :lastDay";

    /** The period's amount of one customer, product and funding. */
    @Introspected
    record DailyAmount(String customerId, String customerKind, @Nullable String businessUnit, String product,
                       String funding, BigDecimal amountCny, @Nullable BigDecimal tokens) {
    }

    /** The totals of one group of a summary. */
    @Introspected
    record DailySums(String groupKey, @Nullable BigDecimal lineCount, @Nullable BigDecimal amountCny,
                     @Nullable BigDecimal cashCny, @Nullable BigDecimal voucherCny, @Nullable BigDecimal tokens,
                     @Nullable BigDecimal aiCny, @Nullable BigDecimal aiCashCny, @Nullable BigDecimal maasCny) {
    }

    @Query(value = """
            SELECT customer_id, customer_kind, NULLIF(business_unit, '') AS business_unit, product, funding,
                   SUM(amount_cny) AS amount_cny, SUM(tokens) AS tokens
            FROM ledger_daily WHERE booked_on >= :firstDay AND booked_on <= :lastDay
            GROUP BY customer_id, customer_kind, business_unit, product, funding""", nativeQuery = true)
    List<DailyAmount> amounts(LocalDate firstDay, LocalDate lastDay);

    @Query(value = "SELECT 'total' AS group_key, " + SUMS, nativeQuery = true)
    DailySums total(LocalDate firstDay, LocalDate lastDay);

    @Query(value = "SELECT customer_id AS group_key, " + SUMS + " GROUP BY customer_id ORDER BY group_key",
            nativeQuery = true)
    List<DailySums> byCustomer(LocalDate firstDay, LocalDate lastDay);

    @Query(value = "SELECT customer_kind AS group_key, " + SUMS + " GROUP BY customer_kind ORDER BY group_key",
            nativeQuery = true)
    List<DailySums> byCustomerKind(LocalDate firstDay, LocalDate lastDay);

    @Query(value = "SELECT product AS group_key, " + SUMS + " GROUP BY product ORDER BY group_key", nativeQuery = true)
    List<DailySums> byProduct(LocalDate firstDay, LocalDate lastDay);

    /** Internal customers only: a business unit buying cloud is an internal customer. */
    @Query(value = "SELECT NULLIF(business_unit, '') AS group_key, " + SUMS + " AND customer_kind = 'INTERNAL'"
            + " GROUP BY NULLIF(business_unit, '') ORDER BY group_key", nativeQuery = true)
    List<DailySums> byBusinessUnit(LocalDate firstDay, LocalDate lastDay);

    /** One business unit's own (INTERNAL) lines by product: what a unit's drill-down opens on. */
    @Query(value = "SELECT product AS group_key, " + SUMS + " AND customer_kind = 'INTERNAL'"
            + " AND business_unit = :businessUnit GROUP BY product ORDER BY group_key", nativeQuery = true)
    List<DailySums> byProductOfBusinessUnit(LocalDate firstDay, LocalDate lastDay, String businessUnit);

    @Query(value = "SELECT funding AS group_key, " + SUMS + " GROUP BY funding ORDER BY group_key", nativeQuery = true)
    List<DailySums> byFunding(LocalDate firstDay, LocalDate lastDay);

    /** One booking day's sums of one business unit's own (INTERNAL) lines, or of every other line (null unit). */
    @Introspected
    record DaySums(LocalDate bookedOn, @Nullable String businessUnit, BigDecimal amountCny, BigDecimal aiCny,
                   BigDecimal aiCashCny, BigDecimal maasCny) {
    }

    /**
     * Per booking day and business unit: the daily series a running period's revenue is projected from. A unit's rows
     * are its own (INTERNAL) lines, as in the summary by business unit; every other line is in the day's null unit.
     */
    @Query(value = "SELECT booked_on, unit AS business_unit, SUM(amount_cny) AS amount_cny, SUM(ai_cny) AS ai_cny,"
            + " SUM(ai_cash_cny) AS ai_cash_cny, SUM(maas_cny) AS maas_cny FROM (SELECT booked_on,"
            + " CASE WHEN customer_kind = 'INTERNAL' THEN NULLIF(business_unit, '') END AS unit, amount_cny,"
            + " CASE WHEN " + AI_PRODUCTS + " THEN amount_cny ELSE 0 END AS ai_cny,"
            + " CASE WHEN " + AI_PRODUCTS + " AND funding = 'CASH' THEN amount_cny ELSE 0 END AS ai_cash_cny,"
            + " CASE WHEN product = 'MAAS_TOKENS' THEN amount_cny ELSE 0 END AS maas_cny"
            + " FROM ledger_daily WHERE booked_on >= :firstDay AND booked_on <= :lastDay) d"
            + " GROUP BY booked_on, unit ORDER BY booked_on, business_unit", nativeQuery = true)
    List<DaySums> byDayAndBusinessUnit(LocalDate firstDay, LocalDate lastDay);
}
