package aikpi.quark.apps;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AppRepository extends CrudRepository<App, String> {

    List<App> findAllOrderByAppId();

    List<App> findByBusinessUnitOrderByAppId(String businessUnit);

    /** A page of the app list by keyset: the apps after {@code after}, in id order. */
    List<App> findByAppIdGreaterThanOrderByAppId(String after, Pageable page);

    /** Which of these apps exist with this feed. */
    List<String> findAppIdByAppIdInAndFeed(Collection<String> appIds, Feed feed);

    /** The app, row-locked until the caller's transaction ends ({@link AppLocks}). */
    @Query(value = "SELECT app_id, name, business_unit, launched_on, feed FROM app WHERE app_id = :appId FOR UPDATE",
            nativeQuery = true)
    Optional<App> lock(String appId);

    /**
     * Whether the app holds figures of events: first-seen users (installs, app opens; {@code scope} is its scope) or
     * session counts. 0 or more: each part reads one index entry at most.
     */
    @Query(value = """
            SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM first_seen_daily WHERE scope = :scope FETCH FIRST 1 ROWS ONLY) f)
                 + (SELECT COUNT(*) FROM (SELECT 1 FROM feature_daily WHERE app_id = :appId FETCH FIRST 1 ROWS ONLY) s)""",
            nativeQuery = true)
    long countEventFigures(String scope, String appId);

    /** Whether the app holds days of daily aggregates (0 or 1). */
    @Query(value = "SELECT COUNT(*) FROM (SELECT 1 FROM app_day WHERE app_id = :appId FETCH FIRST 1 ROWS ONLY) d",
            nativeQuery = true)
    long countDays(String appId);
}
