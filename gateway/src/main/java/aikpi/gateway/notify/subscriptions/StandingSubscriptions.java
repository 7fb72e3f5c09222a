package aikpi.gateway.notify.subscriptions;

import aikpi.gateway.notify.channels.KafkaChannel;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions the gateway holds by its configuration, not through the API: with Kafka on
 * ({@code KAFKA_BOOTSTRAP_SERVERS}), every notice also goes to {@code GATEWAY_EVENTS_TOPIC} for the group's other
 * systems. Their ids contain a ':', which no subscriber's id can, so they are never listed, edited or shadowed; their
 * outbox rows are queued, dispatched, retried and listed like any other's.
 */
@Singleton
public class StandingSubscriptions {

    /** The subscription of the events topic. */
    public static final String EVENTS_TOPIC = "standing:events-topic";

    private final List<Subscription> all;

    public StandingSubscriptions(@Value("${kafka.enabled:false}") boolean kafka,
                                 @Value("${gateway.notify.kafka.topic:aikpi.gateway.events}") String topic) {
        List<Subscription> standing = new ArrayList<>();
        if (kafka) {
            standing.add(new Subscription(EVENTS_TOPIC, List.of(Subscription.EVERY), List.of(Subscription.EVERY),
                    KafkaChannel.NAME, topic, null, "en", Subscription.NO_DIGEST, "gateway", Instant.EPOCH, "gateway",
                    Instant.EPOCH));
        }
        this.all = List.copyOf(standing);
    }

    public List<Subscription> all() {
        return all;
    }

    public Optional<Subscription> find(String id) {
        return all.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
