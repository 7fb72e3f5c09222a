package aikpi.tongyi.usage;

import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.ingest.IngestResult;
import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.ItemError;
import aikpi.vocabulary.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage CloudEvents from a Kafka topic, in both content modes of the CloudEvents Kafka protocol binding (binary:
 * attributes in {@code ce_*} headers; structured: the whole event as the record's value, {@code content-type:
 * application/cloudevents+json}), read with the SDK's Kafka binding. It starts only when Kafka is enabled (by
 * {@code KAFKA_BOOTSTRAP_SERVERS}, see {@code TongyiApplication}).
 *
 * <p>Each poll is one step, in this order: the good events are stored in one transaction (their (source, id) key drops
 * a replay, as for HTTP); the bad records are sent to the dead-letter topic with the reason in the header
 * {@value #REASON_HEADER}, and the broker's acknowledgement awaited; only then are the offsets committed. A crash in
 * between replays the poll and counts nothing twice. When the database or the dead-letter topic cannot take the step,
 * the consumer seeks back to the poll's first offsets and tries again after a pause: nothing is skipped, and a bad
 * record never blocks its partition. Replicas in one consumer group share the partitions.
 */
@Requires(property = "kafka.enabled", value = "true")
@KafkaListener(groupId = "${kpi.usage.kafka.group}", threadsValue = "${kpi.usage.kafka.threads:1}", batch = true,
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.DISABLED, pollTimeout = "500ms",
        properties = @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "${kpi.usage.kafka.max-poll-records}"))
public class UsageKafkaConsumer {

    /** The header of a dead letter that says why the record was refused. */
    public static final String REASON_HEADER = "kpi_rejected_reason";
    /** Where a dead letter came from: topic, partition and offset, as {@code topic/partition/offset}. */
    public static final String ORIGIN_HEADER = "kpi_rejected_origin";
    static final String DLQ_PRODUCER = "tongyi-usage-dlq";
    private static final Logger LOG = LoggerFactory.getLogger(UsageKafkaConsumer.class);
    private static final Duration DLQ_TIMEOUT = Duration.ofSeconds(30);

    private final UsageIngestService ingest;
    private final UsageCloudEvents cloudEvents;
    private final ProducerRegistry producers;
    private final IngestCounters counters;
    private final DistributionSummary pollRecords;
    private final Timer pollTime;
    private final String deadLetterTopic;
    private final Duration retryPause;
    private Producer<byte[], byte[]> deadLetters;

    public UsageKafkaConsumer(UsageIngestService ingest, UsageCloudEvents cloudEvents, ProducerRegistry producers,
                              MeterRegistry registry,
                              @Value("${kpi.usage.kafka.dlq-topic}") String deadLetterTopic,
                              @Value("${kpi.usage.kafka.retry-pause:2s}") Duration retryPause) {
        this.ingest = ingest;
        this.cloudEvents = cloudEvents;
        this.producers = producers;
        this.counters = new IngestCounters(registry, "kafka");
        this.pollRecords = DistributionSummary.builder("kpi.ingest.kafka.poll.records")
                .description("Records per poll of the usage topic, each poll one transaction").register(registry);
        this.pollTime = Timer.builder("kpi.ingest.kafka.poll.time")
                .description("Time from a poll's records to its stored transaction and dead letters").register(registry);
        this.deadLetterTopic = deadLetterTopic;
        this.retryPause = retryPause;
    }

    @Topic("${kpi.usage.kafka.topic}")
    public void receive(ConsumerRecords<byte[], byte[]> records, Consumer<?, ?> consumer) {
        if (records.isEmpty()) {
            return;
        }
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        Outcome outcome;
        long startedAt = System.nanoTime();
        try {
            outcome = process(list);
        } catch (RuntimeException e) {
            // Nothing of this poll is committed: read it again from its first offsets, after a pause.
            LOG.warn("Usage from Kafka: a poll of {} records could not be stored ({}); reading it again in {}",
                    list.size(), e.toString(), retryPause);
            firstOffsets(list).forEach((partition, offset) -> {
                if (consumer.assignment().contains(partition)) {
                    consumer.seek(partition, offset);
                }
            });
            pause();
            return;
        }
        pollRecords.record(list.size());
        pollTime.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
        counters.accepted(outcome.stored().accepted());
        counters.duplicates(outcome.stored().duplicates());
        counters.rejected(outcome.rejected());
        // The poll is stored: its offsets are committed without waiting for the broker's answer, so the next poll's
        // fetch and transaction overlap the commit. An offset that is lost (a crash, or a rebalance that took the
        // partitions first) only makes these records read again, and stored events are duplicates then.
        consumer.commitAsync(nextOffsets(list), (offsets, failure) -> {
            if (failure != null) {
                LOG.warn("Usage from Kafka: the offsets of a stored poll were not committed ({}); they will be read again",
                        failure.toString());
            }
        });
    }

    /** What became of a poll's records. */
    record Outcome(IngestResult stored, int rejected) {
    }

    /** Stores the good events of the records, sends the bad ones to the dead-letter topic; answers once both are done. */
    Outcome process(List<ConsumerRecord<byte[], byte[]>> records) {
        BatchErrors errors = new BatchErrors();
        List<UsageEventRequest> events = new ArrayList<>(records.size());
        List<Integer> origin = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            int before = errors.size();
            UsageEventRequest event = read(i, records.get(i), errors);
            if (errors.size() == before) {
                events.add(event);
                origin.add(i);
            }
        }
        BatchErrors ruleErrors = new BatchErrors();
        IngestResult stored = ingest.ingestValid(events, ruleErrors);
        Map<Integer, List<String>> reasons = new LinkedHashMap<>();
        for (ItemError e : errors.errors()) {
            reasons.computeIfAbsent(e.index(), k -> new ArrayList<>()).add(e.field() + " " + e.message());
        }
        for (ItemError e : ruleErrors.errors()) {
            reasons.computeIfAbsent(origin.get(e.index()), k -> new ArrayList<>()).add(UsageCloudEvents.fieldOf(e.field()) + " " + e.message());
        }
        sendToDeadLetters(records, reasons);
        return new Outcome(stored, reasons.size());
    }

    private UsageEventRequest read(int i, ConsumerRecord<byte[], byte[]> record, BatchErrors errors) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            errors.add(i, null, "record", "is not a CloudEvent in the binary or structured mode of the Kafka binding: "
                    + e.getMessage());
            return null;
        }
        // The value is JSON in both content modes (the event, or its data): read under the rules every JSON body is
        // (UTF-8, each key once, storable text, bounded numbers), which the SDK's own reading does not apply.
        JsonNode value = null;
        if (record.value() != null) {
            try {
                value = cloudEvents.readJson(record.value());
            } catch (InvalidRequestException e) {
                errors.add(i, null, "record", e.getMessage());
                return null;
            }
        }
        // In binary mode the value is the event's data: its tree is read once, not again from the SDK's bytes.
        return cloudEvents.request(i, event.getId(), event, structured(record) ? null : value, errors);
    }

    /** Whether the record is in the structured content mode (the whole event as its value). */
    private static boolean structured(ConsumerRecord<byte[], byte[]> record) {
        Header type = record.headers().lastHeader("content-type");
        return type != null && new String(type.value(), StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT)
                .startsWith("application/cloudevents");
    }

    private void sendToDeadLetters(List<ConsumerRecord<byte[], byte[]>> records, Map<Integer, List<String>> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(reasons.size());
        for (Map.Entry<Integer, List<String>> bad : reasons.entrySet()) {
            ConsumerRecord<byte[], byte[]> r = records.get(bad.getKey());
            RecordHeaders headers = new RecordHeaders(r.headers().toArray());
            headers.add(REASON_HEADER, String.join("; ", bad.getValue()).getBytes(StandardCharsets.UTF_8));
            headers.add(ORIGIN_HEADER, (r.topic() + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
            sent.add(deadLetters().send(new ProducerRecord<>(deadLetterTopic, null, r.key(), r.value(), headers)));
        }
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(DLQ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new KafkaException("The dead-letter topic " + deadLetterTopic + " did not take a record", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while sending to the dead-letter topic", e);
            }
        }
    }

    private synchronized Producer<byte[], byte[]> deadLetters() {
        if (deadLetters == null) {
            deadLetters = producers.getProducer(DLQ_PRODUCER, Argument.of(byte[].class), Argument.of(byte[].class));
        }
        return deadLetters;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            next.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return next;
    }

    private static Map<TopicPartition, Long> firstOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().collect(Collectors.toMap(r -> new TopicPartition(r.topic(), r.partition()),
                ConsumerRecord::offset, Math::min));
    }

    private void pause() {
        try {
            Thread.sleep(retryPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
