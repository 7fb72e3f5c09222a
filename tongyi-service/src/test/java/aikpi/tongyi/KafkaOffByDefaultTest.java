package aikpi.tongyi;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.usage.UsageKafkaConsumer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without KAFKA_BOOTSTRAP_SERVERS nothing about Kafka starts: no consumer, no producer, no connection attempts. */
@MicronautTest
class KafkaOffByDefaultTest {

    @Inject
    ApplicationContext context;

    @Test
    void kafkaIsOnOnlyWhenTheBrokersAreNamed() {
        assertThat(TongyiApplication.kafka(Map.of())).containsEntry("kafka.enabled", false);
        assertThat(TongyiApplication.kafka(Map.of("KAFKA_BOOTSTRAP_SERVERS", " "))).containsEntry("kafka.enabled", false);
        assertThat(TongyiApplication.kafka(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092")))
                .containsEntry("kafka.enabled", true);
        assertThat(context.containsBean(UsageKafkaConsumer.class)).isFalse();
        assertThat(context.getBeanDefinitions(io.micronaut.configuration.kafka.ConsumerRegistry.class)).isEmpty();
    }
}
