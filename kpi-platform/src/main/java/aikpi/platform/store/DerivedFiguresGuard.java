package aikpi.platform.store;

import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one start-up guard of every storing service: each of its {@link DerivedFigures} is recut from its rows if the
 * previous run crashed on the embedded database ({@link UncleanStop}: H2 may then have kept one table's part of a
 * transaction without the other's, and uncommitted leftovers that {@link H2Leftovers} rolls back first), or, for
 * figures cut into days, if they were cut in another reporting zone or never built.
 *
 * <p>The recut runs on a thread of its own, in ranges of rows each committed on its own (see {@link KeyRanges}), so it
 * works in bounded memory at any size. Start-up waits for it up to {@code kpi.derived-figures.wait-before-answering};
 * a longer recut goes on while the service answers {@code /health} DOWN (readiness; liveness stays UP) and its API
 * 503, until the figures are right ({@link FiguresReadiness}). A recut that fails is logged with its cause and leaves
 * the service not ready: it is not tried again in this process, and the unclean-stop mark stays, so the next start
 * recuts from the beginning. It logs each recut, starting with {@code After an unclean stop:} after a crash.
 */
@Singleton
@Requires(beans = UncleanStop.class)
public class DerivedFiguresGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DerivedFiguresGuard.class);

    private final List<DerivedFigures> figures;
    private final ReportingZone zone;
    private final UncleanStop uncleanStop;
    private final FiguresReadiness readiness;
    private final Optional<Transactions> transactions;
    private final Duration waitBeforeAnswering;
    private final CountDownLatch done = new CountDownLatch(1);

    @Inject
    public DerivedFiguresGuard(List<DerivedFigures> figures, ReportingZone zone, UncleanStop uncleanStop,
                               FiguresReadiness readiness, Optional<Transactions> transactions,
                               @Value("${kpi.derived-figures.wait-before-answering:20s}") Duration waitBeforeAnswering) {
        this.figures = figures;
        this.zone = zone;
        this.uncleanStop = uncleanStop;
        this.readiness = readiness;
        this.transactions = transactions;
        this.waitBeforeAnswering = waitBeforeAnswering;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        boolean crashed = uncleanStop.previousRunCrashed();
        String wanted = zone.zoneId().getId();
        List<Runnable> steps = new ArrayList<>();
        if (crashed && transactions.isPresent()) {
            steps.add(() -> {
                long leftovers = transactions.get().write(H2Leftovers::rollBack);
                if (leftovers > 0) {
                    LOG.warn("After an unclean stop: rolled back {} uncommitted entries that the stop left without their"
                            + " transaction", leftovers);
                }
            });
        }
        for (DerivedFigures f : figures) {
            if (crashed) {
                steps.add(() -> LOG.info("After an unclean stop: {} recut {} in zone {}", f.name(),
                        recut(f), wanted));
            } else if (f.dependsOnZone()) {
                String current = f.cutInZone().get().orElse(null);
                if (!wanted.equals(current)) {
                    steps.add(() -> LOG.info("{} recut {} in zone {} (was {})", f.name(), recut(f), wanted,
                            current == null ? "not built" : current));
                }
            }
        }
        if (steps.isEmpty()) {
            done.countDown();
            return;
        }
        Thread recut = new Thread(() -> run(steps), "derived-figures-recut");
        recut.setDaemon(true);
        readiness.recutting(recut, crashed ? "recutting the derived figures after an unclean stop"
                : "recutting the derived figures in zone " + wanted);
        recut.start();
        if (!awaitDone(waitBeforeAnswering)) {
            LOG.warn("The recut of the derived figures goes on after start-up ({}); until it ends the service answers"
                    + " 503 and /health is DOWN", readiness.reason().orElse("done"));
        }
    }

    /** Waits for the recut to end (well or not); true when it has. */
    public boolean awaitDone(Duration timeout) {
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String recut(DerivedFigures f) {
        readiness.progress("recutting " + f.name());
        return f.recut().apply(zone.zoneId());
    }

    private void run(List<Runnable> steps) {
        long started = System.nanoTime();
        try {
            for (Runnable step : steps) {
                step.run();
            }
            uncleanStop.figuresRecut();
            readiness.readied();
            LOG.info("The derived figures are right again ({} ms); the service takes requests",
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Throwable t) {
            // The answer names the step and the kind of failure; the cause, which may quote data, goes to the log.
            String why = readiness.reason().orElse("recutting the derived figures") + " failed ("
                    + t.getClass().getSimpleName() + "); the service's log says why";
            readiness.failed(why);
            LOG.error("The derived figures could not be recut ({}). The service stays not ready (API 503, /health DOWN)"
                    + " and does not try again; the next start recuts them from the beginning.", why, t);
        } finally {
            done.countDown();
        }
    }
}
