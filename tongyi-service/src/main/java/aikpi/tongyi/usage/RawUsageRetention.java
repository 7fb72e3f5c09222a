package aikpi.tongyi.usage;

import aikpi.platform.store.FiguresNotReadyException;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the raw usage events for {@code kpi.usage.raw-retention} (TONGYI_RAW_RETENTION, 400 days by default): every
 * figure is read from the rollups, which stay forever, so the raw events serve the dedup and the recuts, and a year and
 * a month of them covers any replay a producer can still make. Whole UTC months are purged, the first time an hour
 * after start and then daily; every replica may run it (a second run finds nothing left to purge).
 */
@Singleton
public class RawUsageRetention {

    private static final Logger LOG = LoggerFactory.getLogger(RawUsageRetention.class);

    private final RawUsageStore raw;
    private final Clock clock;
    private final Duration retention;

    public RawUsageRetention(RawUsageStore raw, Clock clock, @Value("${kpi.usage.raw-retention:400d}") Duration retention) {
        this.raw = raw;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(initialDelay = "${kpi.usage.raw-retention-first-run:1h}", fixedDelay = "24h")
    void scheduled() {
        try {
            purge();
        } catch (FiguresNotReadyException e) {
            LOG.info("Raw usage retention skipped: the figures are being recut; it runs again in a day");
        }
    }

    /** Purges the raw events of the months that ended before now minus the retention; answers how many rows went. */
    long purge() {
        Instant cutoff = clock.instant().minus(retention);
        long purged = raw.purge(cutoff);
        if (purged != 0) {
            LOG.info("Raw usage events before {} purged ({}); their rollups stay", RawUsageStore.start(RawUsageStore.monthOf(cutoff)),
                    purged < 0 ? "whole monthly partitions" : purged + " events");
        }
        return purged;
    }
}
