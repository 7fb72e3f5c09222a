package aikpi.tongyi.customers;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CustomerRepository extends CrudRepository<Customer, String> {

    List<Customer> findAllOrderByCustomerId();

    List<Customer> findByKindOrderByCustomerId(CustomerKind kind);

    List<Customer> findByCustomerIdInList(java.util.Collection<String> customerIds);
}
