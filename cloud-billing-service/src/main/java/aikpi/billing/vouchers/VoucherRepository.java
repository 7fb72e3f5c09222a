package aikpi.billing.vouchers;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Reads of vouchers; every write is a guarded SQL update (see {@link VoucherService} and the ledger store). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VoucherRepository extends CrudRepository<Voucher, String> {

    List<Voucher> findAllOrderByVoucherId();

    List<Voucher> findByCustomerIdOrderByVoucherId(String customerId);
}
