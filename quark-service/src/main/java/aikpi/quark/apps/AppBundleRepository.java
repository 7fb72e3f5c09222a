package aikpi.quark.apps;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AppBundleRepository extends CrudRepository<AppBundle, String> {

    List<AppBundle> findByAppIdOrderByBundleId(String appId);

    List<AppBundle> findByAppIdInListOrderByBundleId(Collection<String> appIds);

    /** The apps these bundle ids name (those that name one). */
    List<AppBundle> findByBundleIdIn(Collection<String> bundleIds);

    void deleteByAppId(String appId);
}
