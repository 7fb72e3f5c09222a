package aikpi.billing.ledger;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Reads of single lines; lines are written only by {@link LedgerStore}, and never updated. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LedgerLineRepository extends GenericRepository<LedgerLine, String> {

    Optional<LedgerLine> findById(String lineId);

    List<LedgerLine> findByCorrectionOf(String correctionOf);
}
