package aikpi.billing.grouprevenue;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Reads of reported revenue; writes go through {@link GroupRevenueService} so that an upsert is race-free. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GroupRevenueRepository extends CrudRepository<GroupRevenue, String> {

    List<GroupRevenue> findAllOrderByFirstDay();
}
