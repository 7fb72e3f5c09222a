package aikpi.gateway.targets;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The versions of every target; the current target is the highest version of its (fiscal year, scope, KPI). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TargetRepository extends CrudRepository<TargetVersion, String> {

    /** Every version of one target, oldest first. */
    List<TargetVersion> findByFiscalYearAndScopeAndKpiIdOrderByVersion(int fiscalYear, String scope, String kpiId);

    /** The current version of one target. */
    Optional<TargetVersion> findFirstByFiscalYearAndScopeAndKpiIdOrderByVersionDesc(int fiscalYear, String scope,
                                                                                    String kpiId);

    /** The current version of every target of a fiscal year, by scope and KPI. */
    @Query("""
            SELECT t.* FROM kpi_target t
            WHERE t.fiscal_year = :fiscalYear
              AND t.version = (SELECT MAX(v.version) FROM kpi_target v
                               WHERE v.fiscal_year = t.fiscal_year AND v.scope = t.scope AND v.kpi_id = t.kpi_id)
            ORDER BY t.scope, t.kpi_id""")
    List<TargetVersion> currentOf(int fiscalYear);

    /** The versions of a fiscal year's targets set after an instant, oldest first. */
    List<TargetVersion> findByFiscalYearAndSetAtGreaterThanOrderBySetAt(int fiscalYear, Instant after);
}
