package aikpi.tongyi.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the Kafka tests do on the broker: topics, usage CloudEvents in both content modes, raw records, offsets. */
final class KafkaUsage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaUsage() {
    }

    static void createTopics(String servers, int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(java.util.Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get();
        }
    }

    /** A usage event in OpenMeter's shape, as the SDK builds it. */
    static CloudEvent openMeter(String source, String id, String customer, String model, String kind, long tokens, String time) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create(source)).withType("tokens").withSubject(customer)
                .withTime(OffsetDateTime.parse(time)).withDataContentType("application/json")
                .withData(json(Map.of("model", model, "type", kind, "tokens", tokens))).build();
    }

    /** A usage event with OpenTelemetry's GenAI attributes. */
    static CloudEvent otel(String source, String id, String customer, String model, long in, long out, String time) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create(source)).withType("gen_ai.client.token.usage")
                .withSubject(customer).withTime(OffsetDateTime.parse(time)).withDataContentType("application/json")
                .withData(json(Map.of("gen_ai.request.model", model, "gen_ai.usage.input_tokens", in,
                        "gen_ai.usage.output_tokens", out))).build();
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A producer of CloudEvents in the binary ({@code structured = false}) or structured content mode. */
    static KafkaProducer<String, CloudEvent> producer(String servers, boolean structured) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(CloudEventSerializer.ENCODING_CONFIG, structured ? "STRUCTURED" : "BINARY");
        if (structured) {
            p.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, "application/cloudevents+json");
        }
        return new KafkaProducer<>(p);
    }

    static KafkaProducer<byte[], byte[]> rawProducer(String servers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(KafkaProducer<String, CloudEvent> producer, String topic, List<CloudEvent> events) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (CloudEvent e : events) {
            sent.add(producer.send(new ProducerRecord<>(topic, e.getSubject(), e)));
        }
        for (java.util.concurrent.Future<?> f : sent) {
            f.get();
        }
    }

    /** Every record of a topic from its start, reading until {@code expected} have come or the time is up. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String servers, String topic, int expected, Duration limit) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + limit.toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** How far the group has committed, against the end of each partition: the records it has not committed. */
    static long uncommitted(String servers, String group, String topic) {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            return new UsageConsumerLag(admin, topic, group).records();
        }
    }

    /** The members of a consumer group. */
    static int members(String servers, String group) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        }
    }
}
