package aikpi.billing.grouprevenue;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reported revenue per quarter. A PUT is an update first and an insert if absent ({@link GroupRevenueService}), so
 * that two first PUTs of a quarter never meet a unique violation: the insert does nothing when the other won.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GroupRevenueRepository extends CrudRepository<GroupRevenue, String> {

    List<GroupRevenue> findAllOrderByFirstDay();

    /** The quarters overlapping {@code from}..{@code to} whose figures were set strictly after {@code since}. */
    @Query("""
            SELECT * FROM group_revenue
            WHERE updated_at > :since AND first_day <= :to AND last_day >= :from ORDER BY updated_at""")
    List<GroupRevenue> setAfter(Instant since, LocalDate from, LocalDate to);

    /** Replaces a stored quarter's figures; answers the rows changed (0 when the quarter is not stored). */
    @Query("""
            UPDATE group_revenue SET group_revenue_cny = :groupRevenueCny, cloud_revenue_cny = :cloudRevenueCny,
                   source = :source, updated_at = :updatedAt
            WHERE quarter = :quarter""")
    int updateFigures(String quarter, BigDecimal groupRevenueCny, BigDecimal cloudRevenueCny, String source,
                      Instant updatedAt);

    /** Stores a quarter unless it is stored already; answers the rows inserted (0 or 1). */
    @Query("""
            INSERT INTO group_revenue (quarter, first_day, last_day, group_revenue_cny, cloud_revenue_cny, source, updated_at)
            VALUES (:quarter, :firstDay, :lastDay, :groupRevenueCny, :cloudRevenueCny, :source, :updatedAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(String quarter, LocalDate firstDay, LocalDate lastDay, BigDecimal groupRevenueCny,
                       BigDecimal cloudRevenueCny, String source, Instant updatedAt);
}
