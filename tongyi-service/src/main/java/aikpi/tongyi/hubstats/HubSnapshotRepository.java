package aikpi.tongyi.hubstats;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface HubSnapshotRepository extends CrudRepository<HubSnapshot, Long> {

    Optional<HubSnapshot> findByModelIdAndPlatformAndSnapshotDate(String modelId, Platform platform, LocalDate snapshotDate);

    /** For every (model, platform), its last snapshot on or before {@code day}. */
    @Query(value = """
            SELECT s.* FROM hub_snapshot s
            JOIN (SELECT model_id, platform, MAX(snapshot_date) AS last_date
                  FROM hub_snapshot WHERE snapshot_date <= :day GROUP BY model_id, platform) latest
              ON s.model_id = latest.model_id AND s.platform = latest.platform AND s.snapshot_date = latest.last_date
            """, nativeQuery = true)
    List<HubSnapshot> findLatestOnOrBefore(LocalDate day);

    /** The same, for one model. */
    @Query(value = """
            SELECT s.* FROM hub_snapshot s
            JOIN (SELECT model_id, platform, MAX(snapshot_date) AS last_date
                  FROM hub_snapshot WHERE snapshot_date <= :day AND model_id = :modelId GROUP BY model_id, platform) latest
              ON s.model_id = latest.model_id AND s.platform = latest.platform AND s.snapshot_date = latest.last_date
            """, nativeQuery = true)
    List<HubSnapshot> findLatestOnOrBeforeForModel(LocalDate day, String modelId);
}
