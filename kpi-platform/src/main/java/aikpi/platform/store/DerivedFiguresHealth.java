package aikpi.platform.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} (and {@code /health/readiness}) is DOWN, with the reason, while the derived figures are being recut
 * or could not be; liveness stays UP, so a supervisor waits instead of restarting the recut from the start.
 */
@Singleton
@Readiness
@Requires(classes = HealthIndicator.class)
@Requires(beans = DerivedFiguresGuard.class)
public class DerivedFiguresHealth implements HealthIndicator {

    private final FiguresReadiness readiness;

    public DerivedFiguresHealth(FiguresReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult.Builder result = HealthResult.builder("derivedFigures",
                readiness.ready() ? HealthStatus.UP : HealthStatus.DOWN);
        readiness.reason().ifPresent(why -> result.details(Map.of("phase", readiness.phase().name(), "reason", why)));
        return Publishers.just(result.build());
    }
}
