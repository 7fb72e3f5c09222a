package aikpi.quark.apps;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AppRepository extends CrudRepository<App, String> {

    List<App> findAllOrderByAppId();

    List<App> findByBusinessUnitOrderByAppId(String businessUnit);

    /** A page of the app list by keyset: the apps after {@code after}, in id order. */
    List<App> findByAppIdGreaterThanOrderByAppId(String after, Pageable page);

    /** Which of these apps exist with this feed. */
    List<String> findAppIdByAppIdInAndFeed(Collection<String> appIds, Feed feed);
}
