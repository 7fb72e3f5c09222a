package aikpi.platform.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether the previous process on this service's embedded H2 file database stopped without closing it (a
 * crash, {@code kill -9}, a power cut). H2 does not always recover such a stop cleanly: a table's rollup can be left
 * out of step with its raw rows, and a row can stay locked by a transaction that no longer exists (h2database issue
 * 2080). A service whose previous run crashed therefore recuts what it derives before it answers.
 *
 * <p>The mark is a file beside the database, {@code <database>.running}: made when the service opens the database,
 * removed when it shuts down. PostgreSQL recovers committed transactions atomically, so it has no mark.
 */
@Singleton
@Requires(property = "datasources.default.url")
public class UncleanStop implements ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(UncleanStop.class);

    private final Path mark;
    private final boolean previousRunCrashed;
    private volatile boolean figuresRight;

    public UncleanStop(@Value("${datasources.default.url}") String jdbcUrl) {
        this.mark = markOf(jdbcUrl).orElse(null);
        boolean crashed = false;
        if (mark != null) {
            try {
                Files.createDirectories(mark.toAbsolutePath().getParent());
                crashed = Files.exists(mark);
                if (!crashed) {
                    Files.createFile(mark);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot mark the database " + mark + " as open", e);
            }
            if (crashed) {
                LOG.warn("The previous run did not close the database (found {}); derived figures will be recut", mark);
            }
        }
        this.previousRunCrashed = crashed;
        this.figuresRight = !crashed;
    }

    /** @return true when the previous process on this embedded database stopped without closing it */
    public boolean previousRunCrashed() {
        return previousRunCrashed;
    }

    /** The figures derived from the rows are right again after the crash: a clean stop may now remove the mark. */
    public void figuresRecut() {
        figuresRight = true;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        closed();
    }

    /**
     * Removes the mark: this process closes the database. After a crash the mark stays until the derived figures have
     * been recut, so that a stop in the middle of the recut (or after one that failed) recuts again at the next start.
     */
    void closed() {
        if (mark != null && !figuresRight) {
            LOG.warn("The derived figures were not recut after the unclean stop; {} stays, the next start recuts them", mark);
            return;
        }
        if (mark != null) {
            try {
                Files.deleteIfExists(mark);
            } catch (IOException e) {
                LOG.warn("Cannot remove {}; the next start will recut derived figures", mark, e);
            }
        }
    }

    /** The mark an open embedded H2 file database has beside it; empty for any other database. */
    public static Optional<Path> markOf(String jdbcUrl) {
        return h2FileDatabase(jdbcUrl).map(db -> db.resolveSibling(db.getFileName() + ".running"));
    }

    /**
     * The database file path (without H2's {@code .mv.db}) of an embedded H2 file URL such as
     * {@code jdbc:h2:file:./data/quark;MODE=PostgreSQL} or {@code jdbc:h2:~/kpi}; empty for any other database.
     */
    static Optional<Path> h2FileDatabase(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        int settings = rest.indexOf(';');
        String name = settings < 0 ? rest : rest.substring(0, settings);
        String kind = name.toLowerCase(Locale.ROOT);
        if (kind.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (kind.startsWith("mem:") || kind.startsWith("tcp:") || kind.startsWith("ssl:") || kind.startsWith("zip:")
                || kind.contains("://")) {
            return Optional.empty();
        }
        if (name.isBlank()) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name));
    }
}
