package aikpi.tongyi.usage;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.ConcurrentFirstWrite;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two writers create the same new rollup rows at once (two senders on a fresh day): the second one waits for the first
 * and adds to its rows instead of failing on the primary key. Runs on H2 and, with {@code -Ppostgres}, on PostgreSQL.
 */
@MicronautTest(transactional = false)
class UsageRollupRaceTest {

    private DataSource dataSource;

    /** The pool itself, not the transaction-aware proxy: each writer here holds its own connection and transaction. */
    @Inject
    void setDataSource(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Test
    void aRowCreatedByAConcurrentWriterIsWaitedForAndAddedTo() throws Exception {
        LocalDate day = LocalDate.of(2019, 3, 7);
        String customer = "race-" + System.nanoTime();
        List<DailyUsage> rows = List.of(new DailyUsage(day, customer, "race-model", 2, 20, 5));
        ConcurrentFirstWrite.race(dataSource,
                c -> UsageStore.advanceRollups(c, rows),
                c -> UsageStore.advanceRollups(c, List.of(new DailyUsage(day, customer, "race-model", 3, 30, 7))));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT (SELECT events FROM usage_daily WHERE customer_id = ?), "
                     + "(SELECT input_tokens FROM usage_monthly WHERE customer_id = ?), "
                     + "(SELECT output_tokens FROM usage_daily WHERE customer_id = ?)")) {
            ps.setString(1, customer);
            ps.setString(2, customer);
            ps.setString(3, customer);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("events of both writers in the daily row").isEqualTo(5);
                assertThat(rs.getLong(2)).as("input tokens of both in the monthly row").isEqualTo(50);
                assertThat(rs.getLong(3)).isEqualTo(12);
            }
        }
    }
}
