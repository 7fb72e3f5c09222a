package aikpi.gateway.reviews.seals;

import aikpi.gateway.sources.SourcesUnavailableException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import net.javacrumbs.shedlock.provider.jdbc.micronaut.MicronautJdbcLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals each ended fiscal quarter once every source is final for it ({@code GATEWAY_REVIEW_AUTO_SEAL}, off by
 * default), as {@code auto}. A quarter sealed already, by hand or automatically, is left alone. Replicas share the
 * gateway's database: ShedLock's lock in it lets one replica at a time run the round; two that raced anyway would
 * meet on the seal's primary key, and one seal would be stored.
 */
@Singleton
@Requires(property = ReviewAutoSeal.ENABLED, value = "true")
public class ReviewAutoSeal {

    static final String ENABLED = "gateway.review-auto-seal.enabled";
    /** Who an automatic seal is recorded as sealed by. */
    public static final String SEALED_BY = "auto";

    private static final Logger LOG = LoggerFactory.getLogger(ReviewAutoSeal.class);

    private final ReviewSeals seals;
    private final ReviewSealStore store;
    private final ReportingZone zone;
    private final Clock clock;
    private final int quarters;

    public ReviewAutoSeal(ReviewSeals seals, ReviewSealStore store, ReportingZone zone, Clock clock,
                          @Value("${gateway.review-auto-seal.quarters:4}") int quarters) {
        this.seals = seals;
        this.store = store;
        this.zone = zone;
        this.clock = clock;
        this.quarters = quarters;
    }

    /** One round: the ended quarters (the last {@code quarters} of them) not sealed yet, each sealed if it can be. */
    @Scheduled(fixedDelay = "${gateway.review-auto-seal.interval:1h}",
            initialDelay = "${gateway.review-auto-seal.initial-delay:1m}")
    @SchedulerLock(name = "review-auto-seal", lockAtMostFor = "${gateway.review-auto-seal.lock-at-most-for:10m}")
    public void sealEndedQuarters() {
        LockAssert.assertLocked();
        for (Period quarter : endedQuarters()) {
            if (store.lastVersion(quarter.label()) > 0) {
                continue;
            }
            try {
                ReviewSeal seal = seals.seal(quarter.label(), null, SEALED_BY);
                LOG.info("Sealed {} automatically as version {}", seal.period(), seal.version());
            } catch (SealConflictException | SourcesUnavailableException e) {
                LOG.info("{} not sealed automatically yet: {}", quarter.label(), e.getMessage());
            }
        }
    }

    /** The last {@code quarters} fiscal quarters that have ended, oldest first. */
    List<Period> endedQuarters() {
        LocalDate today = zone.today(clock);
        Period q = Period.calendarQuarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1).asFiscalQuarter();
        List<Period> ended = new ArrayList<>();
        for (int i = 0; i < quarters; i++) {
            q = q.previous();
            ended.add(0, q);
        }
        return ended;
    }

    /** The lock ShedLock takes, in the gateway's own database ({@code shedlock}, migration V3). */
    @Factory
    static class Locks {
        @Bean
        @Singleton
        LockProvider lockProvider(TransactionOperations<Connection> transactions) {
            return new MicronautJdbcLockProvider(transactions);
        }
    }
}
