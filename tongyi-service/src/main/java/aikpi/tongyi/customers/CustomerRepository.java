package aikpi.tongyi.customers;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CustomerRepository extends CrudRepository<Customer, String> {

    /** A page of the customer list by keyset: the customers after {@code after}, in id order. */
    List<Customer> findByCustomerIdGreaterThanOrderByCustomerId(String after, Pageable page);

    List<Customer> findByKindAndCustomerIdGreaterThanOrderByCustomerId(CustomerKind kind, String after, Pageable page);

    List<Customer> findByCustomerIdInList(Collection<String> customerIds);

    /** Which of these customers exist. */
    List<String> findCustomerIdByCustomerIdIn(Collection<String> customerIds);

    /** Customers of one kind: onboarded within [from, to], and onboarded by {@code to} in all. */
    @Serdeable
    record KindCount(CustomerKind kind, long onboarded, long total) {
    }

    @Query(value = """
            SELECT kind, SUM(CASE WHEN onboarded_on >= :from THEN customers ELSE 0 END) AS onboarded,
                   SUM(customers) AS total
            FROM customer_onboarding_daily WHERE onboarded_on <= :to GROUP BY kind ORDER BY kind""", nativeQuery = true)
    List<KindCount> countByKind(LocalDate from, LocalDate to);
}
