package aikpi.tongyi.usage;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads of the usage rollups (never of raw events; the rollups are written on the batched hot path by
 * {@link UsageStore}). A period's rows are its whole months from the monthly rollup and the days around them from the
 * daily one ({@link RollupRanges}); a breakdown by day reads the day totals.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UsageRollupRepository extends GenericRepository<UsageDayTotal, LocalDate> {

    /**
     * The rollup rows of a period, bound from a {@link RollupRanges}. Each range is its own branch, so each is an index
     * range scan (an OR of two ranges is not, on H2).
     */
    String ROLLUP_ROWS = """
            (SELECT customer_id, model_id, events, input_tokens, output_tokens FROM usage_daily
              WHERE usage_day >= :leadingFrom AND usage_day <= :leadingTo
             UNION ALL
             SELECT customer_id, model_id, events, input_tokens, output_tokens FROM usage_daily
              WHERE usage_day >= :trailingFrom AND usage_day <= :trailingTo
             UNION ALL
             SELECT customer_id, model_id, events, input_tokens, output_tokens FROM usage_monthly
              WHERE usage_month >= :monthsFrom AND usage_month <= :monthsTo) u""";
    String SUMS = "SUM(u.events) AS events, SUM(u.input_tokens) AS input_tokens, SUM(u.output_tokens) AS output_tokens";

    /** Metered totals of one group of a summary. */
    @Introspected
    record RollupSum(String groupKey, long events, long inputTokens, long outputTokens) {
    }

    /** Customers with metered usage in the rows, by customer kind. */
    @Introspected
    record ActiveCustomers(String kind, long customers) {
    }

    List<UsageDayTotal> findByUsageDayBetweenOrderByUsageDay(LocalDate from, LocalDate to);

    @Query(value = "SELECT 'total' AS group_key, COALESCE(SUM(u.events), 0) AS events,"
            + " COALESCE(SUM(u.input_tokens), 0) AS input_tokens, COALESCE(SUM(u.output_tokens), 0) AS output_tokens"
            + " FROM " + ROLLUP_ROWS, nativeQuery = true)
    RollupSum total(LocalDate leadingFrom, LocalDate leadingTo, LocalDate trailingFrom, LocalDate trailingTo,
                    LocalDate monthsFrom, LocalDate monthsTo);

    @Query(value = "SELECT u.customer_id AS group_key, " + SUMS + " FROM " + ROLLUP_ROWS
            + " GROUP BY u.customer_id ORDER BY group_key", nativeQuery = true)
    List<RollupSum> byCustomer(LocalDate leadingFrom, LocalDate leadingTo, LocalDate trailingFrom, LocalDate trailingTo,
                               LocalDate monthsFrom, LocalDate monthsTo);

    @Query(value = "SELECT u.model_id AS group_key, " + SUMS + " FROM " + ROLLUP_ROWS
            + " GROUP BY u.model_id ORDER BY group_key", nativeQuery = true)
    List<RollupSum> byModel(LocalDate leadingFrom, LocalDate leadingTo, LocalDate trailingFrom, LocalDate trailingTo,
                            LocalDate monthsFrom, LocalDate monthsTo);

    @Query(value = "SELECT c.kind AS group_key, " + SUMS + " FROM " + ROLLUP_ROWS
            + " JOIN customer c ON c.customer_id = u.customer_id GROUP BY c.kind ORDER BY group_key", nativeQuery = true)
    List<RollupSum> byCustomerKind(LocalDate leadingFrom, LocalDate leadingTo, LocalDate trailingFrom,
                                   LocalDate trailingTo, LocalDate monthsFrom, LocalDate monthsTo);

    /** Internal customers only: a business unit using the models is a customer whose business unit is set. */
    @Query(value = "SELECT c.business_unit AS group_key, " + SUMS + " FROM " + ROLLUP_ROWS
            + " JOIN customer c ON c.customer_id = u.customer_id WHERE c.business_unit IS NOT NULL"
            + " GROUP BY c.business_unit ORDER BY group_key", nativeQuery = true)
    List<RollupSum> byBusinessUnit(LocalDate leadingFrom, LocalDate leadingTo, LocalDate trailingFrom,
                                   LocalDate trailingTo, LocalDate monthsFrom, LocalDate monthsTo);

    /** One business unit's own usage (its internal customers) by model: what a unit's drill-down opens on. */
    @Query(value = "SELECT u.model_id AS group_key, " + SUMS + " FROM " + ROLLUP_ROWS
            + " JOIN customer c ON c.customer_id = u.customer_id WHERE c.business_unit = :businessUnit"
            + " GROUP BY u.model_id ORDER BY group_key", nativeQuery = true)
    List<RollupSum> byModelOfBusinessUnit(LocalDate leadingFrom, LocalDate leadingTo, LocalDate trailingFrom,
                                          LocalDate trailingTo, LocalDate monthsFrom, LocalDate monthsTo,
                                          String businessUnit);

    /** One business unit's tokens of one model (internal customers only). */
    @Introspected
    record UnitModelSum(String businessUnit, String modelId, long inputTokens, long outputTokens) {
    }

    // What each unit's tokens cost: the unit-economics figures weigh each model's tokens by its own inference cost.
    @Query(value = "SELECT c.business_unit, u.model_id, SUM(u.input_tokens) AS input_tokens,"
            + " SUM(u.output_tokens) AS output_tokens FROM " + ROLLUP_ROWS
            + " JOIN customer c ON c.customer_id = u.customer_id WHERE c.business_unit IS NOT NULL"
            + " GROUP BY c.business_unit, u.model_id ORDER BY c.business_unit, u.model_id", nativeQuery = true)
    List<UnitModelSum> byBusinessUnitAndModel(LocalDate leadingFrom, LocalDate leadingTo, LocalDate trailingFrom,
                                              LocalDate trailingTo, LocalDate monthsFrom, LocalDate monthsTo);

    /** Only customers onboarded by {@code onboardedBy} count, as in the customer totals. */
    @Query(value = "SELECT c.kind AS kind, COUNT(DISTINCT u.customer_id) AS customers FROM " + ROLLUP_ROWS
            + " JOIN customer c ON c.customer_id = u.customer_id WHERE u.events > 0 AND c.onboarded_on <= :onboardedBy"
            + " GROUP BY c.kind", nativeQuery = true)
    List<ActiveCustomers> activeCustomersByKind(LocalDate leadingFrom, LocalDate leadingTo, LocalDate trailingFrom,
                                                LocalDate trailingTo, LocalDate monthsFrom, LocalDate monthsTo,
                                                LocalDate onboardedBy);
}
