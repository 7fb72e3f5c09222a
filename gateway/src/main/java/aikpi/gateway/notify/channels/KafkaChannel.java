package aikpi.gateway.notify.channels;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A notice as a record on a Kafka topic (the subscription's target), in the CloudEvents Kafka binding's binary mode
 * written by the specification's SDK: the attributes as {@code ce_*} headers, the data as the value, the notice's
 * scope as the key (a scope's notices stay in order on one partition). Delivered once every in-sync replica has it
 * (producer {@code gateway-events}: {@code acks=all}, idempotent); a broker that does not answer in time is tried
 * again, a record the broker refuses for good (too large, not authorized) is permanent. Present only when
 * {@code KAFKA_BOOTSTRAP_SERVERS} names the brokers.
 */
@Singleton
@Requires(property = "kafka.enabled", value = "true")
public class KafkaChannel implements Channel {

    public static final String NAME = "kafka";
    static final String PRODUCER = "gateway-events";

    private final ProducerRegistry producers;
    private final Duration timeout;
    private Producer<String, byte[]> producer;

    public KafkaChannel(ProducerRegistry producers, @Value("${gateway.notify.timeout:10s}") Duration timeout) {
        this.producers = producers;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(CloudEvent notice, Recipient to) throws DeliveryException {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(to.target(), notice.getSubject())
                .writeBinary(notice);
        try {
            producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = "Kafka refused the record for " + to.target() + ": " + cause;
            throw cause instanceof RetriableException ? DeliveryException.retryable(why, e)
                    : DeliveryException.permanent(why);
        } catch (TimeoutException e) {
            throw DeliveryException.retryable("Kafka did not acknowledge the record for " + to.target() + " within "
                    + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("interrupted while sending to " + to.target());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw DeliveryException.retryable("Kafka could not send to " + to.target() + ": " + e, e);
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.getProducer(PRODUCER, Argument.STRING, Argument.of(byte[].class));
        }
        return producer;
    }
}
