package aikpi.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.ConcurrentFirstWrite;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two batches book the first lines of the same customer's day at once: the second waits for the first's day row and
 * adds to it instead of failing on its primary key. Runs on H2 and, with {@code -Ppostgres}, on PostgreSQL.
 */
@MicronautTest(transactional = false)
class LedgerDailyRaceTest {

    private DataSource dataSource;

    @Inject
    LedgerDailyStore daily;

    /** The pool itself, not the transaction-aware proxy: each writer here holds its own connection and transaction. */
    @Inject
    void setDataSource(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    private static LedgerLine line(String id, String customer, String amount) {
        return new LedgerLine(id, customer, CustomerKind.EXTERNAL, null, LocalDate.of(2019, 3, 7), Product.IAAS,
                new BigDecimal(amount), Funding.CASH, null, null, null, null, null);
    }

    @Test
    void aDayRowCreatedByAConcurrentBatchIsWaitedForAndAddedTo() throws Exception {
        String customer = "race-" + System.nanoTime();
        ConcurrentFirstWrite.race(dataSource,
                c -> daily.advance(c, List.of(line(customer + "-1", customer, "10.25"))),
                c -> daily.advance(c, List.of(line(customer + "-2", customer, "4.75"), line(customer + "-3", customer, "1.00"))));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT line_count, amount_cny FROM ledger_daily WHERE customer_id = ?")) {
            ps.setString(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("lines of both batches in one day row").isEqualTo(3);
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("16.00");
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
