package aikpi.gateway.notify.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Runs a dispatch round on a short fixed delay on every replica ({@code GATEWAY_NOTIFY_DISPATCH_EVERY}): replicas
 * claim disjoint rows (SKIP LOCKED), so no scheduler lock is needed and each adds delivery capacity.
 */
@Singleton
@Requires(property = "gateway.notify.dispatch.enabled", notEquals = "false")
public class DispatchSchedule {

    private final NotificationDispatcher dispatcher;

    public DispatchSchedule(NotificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelay = "${gateway.notify.dispatch-every:1s}", initialDelay = "${gateway.notify.dispatch-every:1s}")
    void round() {
        dispatcher.dispatchDue();
    }
}
