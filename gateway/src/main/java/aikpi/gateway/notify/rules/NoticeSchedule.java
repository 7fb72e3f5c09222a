package aikpi.gateway.notify.rules;

import aikpi.gateway.notify.digests.Digests;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the notification rules, then makes the digests that are due, every {@code GATEWAY_NOTIFY_EVERY}
 * ({@code GATEWAY_NOTIFY_ENABLED}, on by default), on one replica at a time: ShedLock's lock in the gateway's database
 * (the lock provider of the automatic seal). Two rounds that met anyway would still tell each thing once: each key's
 * state is locked while it is compared, and a digest's held notices while it takes them.
 */
@Singleton
@Requires(property = NoticeSchedule.ENABLED, value = "true", defaultValue = "true")
public class NoticeSchedule {

    static final String ENABLED = "gateway.notify.enabled";

    private static final Logger LOG = LoggerFactory.getLogger(NoticeSchedule.class);

    private final NoticeEvaluation evaluation;
    private final Digests digests;

    public NoticeSchedule(NoticeEvaluation evaluation, Digests digests) {
        this.evaluation = evaluation;
        this.digests = digests;
    }

    @Scheduled(fixedDelay = "${gateway.notify.every:5m}", initialDelay = "${gateway.notify.initial-delay:1m}")
    @SchedulerLock(name = "notice-rules", lockAtMostFor = "${gateway.notify.lock-at-most-for:10m}")
    public void evaluate() {
        LockAssert.assertLocked();
        try {
            int notices = evaluation.evaluate();
            LOG.debug("Notification rules evaluated: {} notices", notices);
        } catch (RuntimeException e) {
            LOG.warn("Notification rules failed this round; the next one tries again", e);
        }
        // After the rules, so a digest holds what this round found.
        try {
            int made = digests.composeDue();
            LOG.debug("Digests composed: {}", made);
        } catch (RuntimeException e) {
            LOG.warn("Digests failed this round; the next one tries again", e);
        }
    }
}
