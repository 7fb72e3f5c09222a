package aikpi.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aikpi.e2e.ConsumerLag;
import aikpi.kafka.KafkaTestBroker;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The shipped tongyi jar consuming usage CloudEvents from a real Kafka broker is killed with {@code kill -9} in the
 * middle of the stream, while the producer goes on, and started again on its data: every event the broker acknowledged
 * to the producer is counted exactly once, in the API's figures and in the rows on disk, and the group has committed
 * every offset. The consumer commits an offset only after the poll's transaction, so the crash replays what it had
 * not committed and the (source, id) key drops what it had.
 */
class UsageFromKafkaCrashTest {

    private static final int EVENTS = 30_000;
    private static final String TOPIC = "tongyi.usage";
    private static final String GROUP = "tongyi-service";

    @Test
    void aConsumerKilledMidStreamCountsEveryProducedEventExactlyOnce() throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        String servers = broker.bootstrapServers();
        try (Admin admin = admin(servers)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
        }
        // The shipped defaults name the topic and the group; only the brokers are given, as an operator would.
        Services s = new Services("kafka-crash", Map.of("KAFKA_BOOTSTRAP_SERVERS", servers));
        try {
            s.start(Services.TONGYI);
            s.write("PUT", Services.TONGYI, "/api/v1/models/kafka-model", "{\"family\":\"crash\",\"vendor\":\"Alibaba\","
                    + "\"displayName\":\"Kafka crash\",\"openSource\":true,\"releaseDate\":\"2024-01-01\"}");
            for (int k = 0; k < 4; k++) {
                s.write("PUT", Services.TONGYI, "/api/v1/customers/kafka-customer-" + k,
                        "{\"name\":\"Kafka customer " + k + "\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-01-01\"}");
            }

            AtomicLong produced = new AtomicLong();
            AtomicReference<Exception> failure = new AtomicReference<>();
            long expectedTokens = 0;
            for (int i = 0; i < EVENTS; i++) {
                expectedTokens += tokens(i);
            }
            Thread producer = Services.thread("kafka-producer", () -> {
                try (KafkaProducer<String, CloudEvent> p = producer(servers)) {
                    for (int from = 0; from < EVENTS; from += 500) {
                        List<Future<?>> acks = new ArrayList<>();
                        for (int i = from; i < from + 500; i++) {
                            CloudEvent e = event(i);
                            acks.add(p.send(new ProducerRecord<>(TOPIC, e.getSubject(), e)));
                        }
                        for (Future<?> f : acks) {
                            f.get();
                        }
                        produced.addAndGet(500);
                        Thread.sleep(40);
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });

            // Killed once it is well into the stream, with more of the stream still to come.
            AtomicLong counted = new AtomicLong();
            await("tongyi consumes a fifth of the stream from Kafka").atMost(Duration.ofSeconds(120))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
                        counted.set(s.ingestCounter(Services.TONGYI, "kafka", "accepted"));
                        return counted.get() >= EVENTS / 5;
                    });
            s.kill9(Services.TONGYI);
            long producedAtKill = produced.get();
            assertThat(producedAtKill).as("killed mid-stream").isLessThan(EVENTS);
            Thread.sleep(1_000);
            s.restart(Services.TONGYI);
            producer.join();
            assertThat(failure.get()).as("the producer's failure").isNull();

            await().atMost(Duration.ofSeconds(180)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(events(s) >= EVENTS && uncommitted(servers) == 0)
                            .as("all %d events counted and committed within 180 s of the restart (now %d, %d uncommitted)",
                                    EVENTS, events(s), uncommitted(servers)).isTrue());
            Thread.sleep(1_000);
            var total = s.read(Services.TONGYI, "/api/v1/usage/summary?period=2024-11").path("rows").get(0);
            System.out.printf("Kafka crash: killed after %,d events were counted and %,d produced; after the restart the new "
                            + "process counted %,d as new and %,d as replayed duplicates%n", counted.get(), producedAtKill,
                    s.ingestCounter(Services.TONGYI, "kafka", "accepted"), s.ingestCounter(Services.TONGYI, "kafka", "duplicate"));
            assertThat(total.path("events").asLong()).isEqualTo(EVENTS);
            assertThat(total.path("inputTokens").asLong()).isEqualTo(expectedTokens);
            s.stop(Services.TONGYI);
            assertThat(s.h2Query(Services.TONGYI, "SELECT COUNT(*) FROM usage_event")).containsExactly(String.valueOf(EVENTS));
        } finally {
            s.close();
        }
    }

    private static long events(Services s) {
        var rows = s.read(Services.TONGYI, "/api/v1/usage/summary?period=2024-11").path("rows");
        return rows.isEmpty() ? 0 : rows.get(0).path("events").asLong();
    }

    private static long tokens(int i) {
        return 10 + i % 97;
    }

    private static CloudEvent event(int i) {
        String time = String.format("2024-11-%02dT%02d:%02d:00Z", 1 + i % 28, i % 24, i % 60);
        return CloudEventBuilder.v1().withId("crash-" + i).withSource(URI.create("//gateway/" + i % 5))
                .withType("tokens").withSubject("kafka-customer-" + i % 4).withTime(OffsetDateTime.parse(time))
                .withDataContentType("application/json")
                .withData(("{\"model\":\"kafka-model\",\"type\":\"input\",\"tokens\":" + tokens(i) + "}").getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static KafkaProducer<String, CloudEvent> producer(String servers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, CloudEventSerializer.ENCODING_CONFIG, "BINARY"),
                new StringSerializer(), new CloudEventSerializer());
    }

    private static Admin admin(String servers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    }

    /** Records of the topic that the group has not committed. */
    private static long uncommitted(String servers) throws Exception {
        try (Admin admin = admin(servers)) {
            return ConsumerLag.of(admin, GROUP, TOPIC, 4);
        }
    }
}
