package aikpi.tongyi.usage;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the usage consumers ({@link UsageKafkaConsumer}) are behind their topic, as the broker knows it: the group's
 * committed offsets against each partition's end offset (a partition the group never committed counts from its first
 * offset). Zero when every record on the topic has been stored and committed.
 */
@Requires(property = "kafka.enabled", value = "true")
@Singleton
public class UsageConsumerLag {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AdminClient admin;
    private final String topic;
    private final String group;

    public UsageConsumerLag(AdminClient admin, @Value("${kpi.usage.kafka.topic}") String topic,
                            @Value("${kpi.usage.kafka.group}") String group) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
    }

    public String topic() {
        return topic;
    }

    /**
     * The records on the topic the group has not committed.
     *
     * @throws KafkaException when the broker does not answer in time
     */
    public long records() {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        List<TopicPartition> partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions.stream()
                .filter(p -> committed.get(p) == null).toList(), OffsetSpec.earliest());
        long behind = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata at = committed.get(p);
            behind += Math.max(0, ends.get(p).offset() - (at == null ? starts.get(p).offset() : at.offset()));
        }
        return behind;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all());
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("The consumer lag of the usage topic could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while reading the consumer lag of the usage topic", e);
        }
    }
}
