package aikpi.gateway.notify.digests;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the due digests every {@code GATEWAY_NOTIFY_EVERY} with the notification rules ({@code GATEWAY_NOTIFY_ENABLED}),
 * on one replica at a time (ShedLock). Two rounds that met anyway would still make each digest once: the outbox's
 * (notice, subscription) pair is unique and the held rows are locked while a digest takes them.
 */
@Singleton
@Requires(property = "gateway.notify.enabled", value = "true", defaultValue = "true")
public class DigestSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(DigestSchedule.class);

    private final Digests digests;

    public DigestSchedule(Digests digests) {
        this.digests = digests;
    }

    @Scheduled(fixedDelay = "${gateway.notify.every:5m}", initialDelay = "${gateway.notify.initial-delay:1m}")
    @SchedulerLock(name = "notice-digests", lockAtMostFor = "${gateway.notify.lock-at-most-for:10m}")
    public void compose() {
        LockAssert.assertLocked();
        try {
            int made = digests.composeDue();
            LOG.debug("Digests composed: {}", made);
        } catch (RuntimeException e) {
            LOG.warn("Digests failed this round; the next one tries again", e);
        }
    }
}
