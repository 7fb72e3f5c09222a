package aikpi.platform.warmup;

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
 * {@code /health} (and {@code /health/readiness}) is DOWN while the start-up warm-up runs, so the first request a
 * client or a load balancer sends finds the read paths warm; liveness stays UP.
 */
@Singleton
@Readiness
@Requires(classes = HealthIndicator.class)
@Requires(beans = StartupWarmUp.class)
public class WarmUpHealth implements HealthIndicator {

    private final StartupWarmUp warmUp;

    public WarmUpHealth(StartupWarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult.Builder result = HealthResult.builder("warmUp", warmUp.done() ? HealthStatus.UP : HealthStatus.DOWN);
        if (!warmUp.done()) {
            result.details(Map.of("reason", "warming up the read paths after the start"));
        }
        return Publishers.just(result.build());
    }
}
