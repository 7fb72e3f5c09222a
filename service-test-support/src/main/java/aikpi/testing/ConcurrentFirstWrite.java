package aikpi.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Two writers that create the same new row at once, each on its own connection and transaction: the first writes and
 * holds its transaction open while the second writes, then commits, and the second commits once its write is done.
 * A store that is safe against this race has the second writer wait for the first's row and add to it; one that is
 * not fails the second with a unique violation. Give it the connection pool itself, not Micronaut's
 * transaction-aware proxy of it.
 */
public final class ConcurrentFirstWrite {

    /** One writer's statements, on its connection, inside its open transaction. */
    @FunctionalInterface
    public interface Write {
        void run(Connection c) throws SQLException;
    }

    private ConcurrentFirstWrite() {
    }

    public static void race(DataSource pool, Write first, Write second) throws Exception {
        try (Connection one = pool.getConnection(); Connection two = pool.getConnection()) {
            one.setAutoCommit(false);
            two.setAutoCommit(false);
            first.run(one); // creates the rows, not committed yet
            CompletableFuture<Void> concurrent = CompletableFuture.runAsync(() -> {
                try {
                    second.run(two);
                    two.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200); // let the second writer reach the rows the first one holds
            one.commit();
            concurrent.get(30, TimeUnit.SECONDS);
        }
    }
}
