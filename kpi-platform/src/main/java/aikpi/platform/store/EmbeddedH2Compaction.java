package aikpi.platform.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the embedded H2 database's disk back while the service runs. H2 writes a new chunk at every commit and leaves
 * the pages it replaced as garbage in the old chunks; its own housekeeping, which rewrites sparse chunks and moves
 * chunks into the holes so that the file shrinks, runs on the MVStore's background writer thread, and that thread is
 * never started with {@code WRITE_DELAY=0} (H2's {@code FileStore.setAutoCommitDelay}: no thread for a delay of 0), the
 * setting that puts every commit on disk before it is acknowledged. Without this a random-id ingest left a file 21
 * times its live data.
 *
 * <p>Every {@code kpi.h2-compaction.interval} this does, through the MVStore's public API, what that thread would:
 * rewrites the live pages of chunks less full than {@code fill-rate} percent, in steps of {@code step} bytes (16 MB), each
 * under the store's lock on its own and committed at once (a commit waits for one step at most), up to
 * {@code write-per-run} bytes (a chunk with more live bytes than a step is left until it has fewer); then moves up to
 * {@code write-per-run} bytes of chunks from the end of the file into its holes, which lets the file shrink. Both are ordinary MVStore writes: a commit acknowledged before,
 * during or after a run is on disk as before. On any other database (PostgreSQL, an in-memory H2) it does nothing.
 *
 * <p>It also shortens the store's retention time ({@code retention}, H2's default 45 s): a chunk is rewritten, and a
 * dead chunk's space reused, only that long after it was written, so the garbage an ingest leaves is about its write
 * rate times the retention plus the interval (45 s of a fast ingest are gigabytes). The retention guards against a
 * power cut in which the disk wrote a newer chunk's reuse of old space before the chunk that replaced it; it plays no
 * part in a killed process, whose writes the operating system keeps, nor in readers, whose versions H2 keeps itself.
 */
@Singleton
@Requires(beans = Transactions.class)
@Requires(property = "kpi.h2-compaction.enabled", notEquals = "false")
public class EmbeddedH2Compaction {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2Compaction.class);

    /** What one run did: live bytes rewritten out of sparse chunks, and the file's size before and after. */
    public record Run(long rewritten, long sizeBefore, long sizeAfter) {
    }

    private final Transactions transactions;
    private final int fillRate;
    private final int step;
    private final long writePerRun;
    private final Duration retention;
    /** The embedded store, found at the first run; empty when the database is not an embedded H2 file. */
    private volatile Optional<MVStore> store;

    public EmbeddedH2Compaction(Transactions transactions,
                                @Value("${kpi.h2-compaction.fill-rate:80}") int fillRate,
                                @Value("${kpi.h2-compaction.step:16MB}") @ReadableBytes int step,
                                @Value("${kpi.h2-compaction.write-per-run:64MB}") @ReadableBytes long writePerRun,
                                @Value("${kpi.h2-compaction.retention:5s}") Duration retention) {
        this.transactions = transactions;
        this.retention = retention;
        this.fillRate = fillRate;
        this.step = step;
        this.writePerRun = writePerRun;
    }

    @Scheduled(fixedDelay = "${kpi.h2-compaction.interval:2s}", initialDelay = "${kpi.h2-compaction.interval:2s}")
    public void scheduled() {
        if (store == null) {
            store = transactions.read(EmbeddedH2Compaction::embeddedStore);
            store.ifPresent(s -> s.setRetentionTime((int) retention.toMillis()));
        }
        store.filter(s -> !s.isClosed()).ifPresent(s -> {
            try {
                Run run = run(s, fillRate, step, writePerRun);
                LOG.debug("Compacted the embedded database: {} bytes of live pages rewritten, file {} -> {} bytes",
                        run.rewritten(), run.sizeBefore(), run.sizeAfter());
            } catch (RuntimeException e) {
                // The next run tries again; the database itself is untouched by a compaction that failed.
                LOG.warn("Compacting the embedded database failed", e);
            }
        });
    }

    /** The MVStore behind a connection to an embedded H2 file database; empty for any other database. */
    static Optional<MVStore> embeddedStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || session.getDatabase().getStore() == null) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null || store.isReadOnly() ? Optional.empty() : Optional.of(store);
    }

    /**
     * One bounded run on {@code store}: chunks less full than {@code fillRate} percent have their live pages rewritten,
     * {@code step} bytes under the store's lock at a time, up to {@code writePerRun} bytes; then up to
     * {@code writePerRun} bytes of chunks move from the file's end into its holes, and the file is cut where it ends.
     */
    public static Run run(MVStore store, int fillRate, int step, long writePerRun) {
        FileStore<?> file = store.getFileStore();
        long before = file.size();
        long rewritten = 0;
        // compact() only rewrites the pages in memory: each step's commit writes them and frees the chunks they left.
        while (rewritten < writePerRun && store.compact(fillRate, step)) {
            store.commit();
            rewritten += step;
        }
        // One move of up to writePerRun: a chunk larger than the move's size never moves, and a random-key commit
        // writes chunks of tens of megabytes.
        if (file instanceof RandomAccessStore randomAccess && file.getFillRate() < fillRate) {
            randomAccess.compactMoveChunks(fillRate, writePerRun, store);
        }
        return new Run(rewritten, before, file.size());
    }
}
