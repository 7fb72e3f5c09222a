package aikpi.quark.metrics;

import aikpi.quark.apps.App;
import aikpi.quark.rollup.DailyCountsStore;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A period's sums of the daily counts (never of raw events; {@link DailyCountsStore} writes them on the batched hot
 * path). The repository's entity is only its anchor: every method is a native query of its own.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DailyCountsRepository extends GenericRepository<App, String> {

    /** An app's installs in a period. */
    @Introspected
    record AppInstalls(String appId, long installs) {
    }

    /** An app feature's session counts in a period (feature {@code ''}: an app fed by daily aggregates as a whole). */
    @Introspected
    record FeatureSessions(String appId, String featureId, long sessions, long turns, long agentCalls, long resolved,
                           long knownOutcome, long rated, long ratingSum, long conversions,
                           BigDecimal conversionValueCny) {
    }

    /** One business unit's AI session counts on one day, by its apps' current unit. */
    @Introspected
    record UnitDaySessions(LocalDate sessionDay, String businessUnit, long sessions, long turns, long resolved,
                           long conversions) {
    }

    @Query(value = "SELECT app_id, SUM(installs) AS installs FROM install_daily"
            + " WHERE install_day >= :from AND install_day <= :to GROUP BY app_id", nativeQuery = true)
    List<AppInstalls> installs(LocalDate from, LocalDate to);

    @Query(value = "SELECT app_id, feature_id, SUM(sessions) AS sessions, SUM(turns) AS turns,"
            + " SUM(agent_calls) AS agent_calls, SUM(resolved) AS resolved, SUM(known_outcome) AS known_outcome,"
            + " SUM(rated) AS rated, SUM(rating_sum) AS rating_sum, SUM(conversions) AS conversions,"
            + " SUM(conversion_value_cny) AS conversion_value_cny FROM feature_daily"
            + " WHERE session_day >= :from AND session_day <= :to GROUP BY app_id, feature_id", nativeQuery = true)
    List<FeatureSessions> sessions(LocalDate from, LocalDate to);

    // The daily series a period-end projection is fitted to: the same counts as sessions(), cut by day and unit.
    @Query(value = "SELECT f.session_day, a.business_unit, SUM(f.sessions) AS sessions, SUM(f.turns) AS turns,"
            + " SUM(f.resolved) AS resolved, SUM(f.conversions) AS conversions"
            + " FROM feature_daily f JOIN app a ON a.app_id = f.app_id"
            + " WHERE f.session_day >= :from AND f.session_day <= :to"
            + " GROUP BY f.session_day, a.business_unit ORDER BY f.session_day, a.business_unit", nativeQuery = true)
    List<UnitDaySessions> sessionsByDayAndUnit(LocalDate from, LocalDate to);
}
