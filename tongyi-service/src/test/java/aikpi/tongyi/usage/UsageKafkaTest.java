package aikpi.tongyi.usage;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.kafka.KafkaTestBroker;
import aikpi.testing.PrometheusText;
import aikpi.tongyi.TongyiApi;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Usage CloudEvents from a real Kafka broker ({@link KafkaTestBroker}): both content modes of the Kafka binding and
 * both data shapes feed the rollups the HTTP paths feed; a replayed (source, id) counts once; a bad record goes to the
 * dead-letter topic with its reason and does not hold back the records behind it; offsets are committed; the counters
 * and the consumer lag are on /prometheus. Every test uses its own month.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageKafkaTest implements TestPropertyProvider {

    static final String TOPIC = "usage-kafka-test";
    static final String DLQ = TOPIC + ".dlq";
    static final String GROUP = "tongyi-usage-kafka-test";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    @Inject
    ConsumerRegistry consumers;

    TongyiApi api;

    @Override
    public Map<String, String> getProperties() {
        String servers = KafkaTestBroker.shared().bootstrapServers();
        try {
            KafkaUsage.createTopics(servers, 3, TOPIC, DLQ);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("kafka.enabled", "true", "kafka.bootstrap.servers", servers, "kpi.usage.kafka.topic", TOPIC,
                "kpi.usage.kafka.dlq-topic", DLQ, "kpi.usage.kafka.group", GROUP, "kpi.usage.kafka.retry-pause", "200ms");
    }

    String servers() {
        return KafkaTestBroker.shared().bootstrapServers();
    }

    @BeforeEach
    void fixtures() {
        api = new TongyiApi(client.toBlocking());
        api.model("qwen-max", "Alibaba", false, "2024-09-19");
        api.model("qwen-plus", "Alibaba", false, "2024-09-19");
        api.customer("kafka-acme", "EXTERNAL", "2024-01-10");
    }

    @Test
    void bothContentModesAndBothDataShapesAreCountedOnceAndCommitted() throws Exception {
        List<CloudEvent> binary = new ArrayList<>();
        List<CloudEvent> structured = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            String time = String.format("2024-07-%02dT%02d:15:00Z", 1 + n % 28, n % 24);
            binary.add(KafkaUsage.openMeter("//gateway/hz", "b-" + n, "kafka-acme", "qwen-max", n % 2 == 0 ? "input" : "output", 10, time));
            structured.add(KafkaUsage.otel("//gateway/bj", "s-" + n, "kafka-acme", "qwen-plus", 7, 3, time));
        }
        try (KafkaProducer<String, CloudEvent> b = KafkaUsage.producer(servers(), false);
             KafkaProducer<String, CloudEvent> s = KafkaUsage.producer(servers(), true)) {
            KafkaUsage.send(b, TOPIC, binary);
            KafkaUsage.send(s, TOPIC, structured);
            // A producer's retry of events already sent: the (source, id) key drops them.
            KafkaUsage.send(b, TOPIC, binary.subList(0, 50));
            KafkaUsage.send(s, TOPIC, structured.subList(250, 300));
        }
        awaitEvents("2024-07", 600);
        Map<String, Long> byModel = byModel("2024-07");
        assertThat(byModel).containsEntry("qwen-max", 150L * 10 + 150L * 10).containsEntry("qwen-plus", 300L * 10);
        await(() -> uncommitted() == 0, "every offset committed");
        // Nothing changes afterwards: a replay was a duplicate, not an addition.
        Thread.sleep(500);
        assertThat(events("2024-07")).isEqualTo(600);
    }

    @Test
    void aBadRecordGoesToTheDeadLetterTopicWithItsReasonAndTheRecordsBehindItAreStored() throws Exception {
        double rejectedBefore = counter("rejected");
        CloudEvent good = KafkaUsage.openMeter("//g", "ok-1", "kafka-acme", "qwen-max", "input", 40, "2024-08-03T00:00:00Z");
        CloudEvent unknownCustomer = KafkaUsage.openMeter("//g", "bad-customer", "nobody", "qwen-max", "input", 1, "2024-08-03T00:00:00Z");
        CloudEvent wrongType = CloudEventBuilder.v1(good).withId("bad-type").withType("com.example.page.view").build();
        CloudEvent negative = KafkaUsage.openMeter("//g", "bad-tokens", "kafka-acme", "qwen-max", "input", -4, "2024-08-03T00:00:00Z");
        CloudEvent old = CloudEventBuilder.v03(good).withId("bad-version").build();
        CloudEvent after = KafkaUsage.openMeter("//g", "ok-2", "kafka-acme", "qwen-max", "output", 2, "2024-08-04T00:00:00Z");
        // read under the JSON rules of every body: a billion-digit number, a key named twice (structured mode)
        CloudEvent huge = CloudEventBuilder.v1(good).withId("bad-huge").withData("application/json",
                "{\"model\":\"qwen-max\",\"type\":\"input\",\"tokens\":1e999999999}".getBytes(StandardCharsets.UTF_8)).build();
        String twice = "{\"specversion\":\"1.0\",\"id\":\"bad-twice\",\"id\":\"ok-3\",\"source\":\"//g\","
                + "\"type\":\"tokens\",\"subject\":\"kafka-acme\",\"time\":\"2024-08-03T00:00:00Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"model\":\"qwen-max\",\"type\":\"input\",\"tokens\":7}}";
        try (KafkaProducer<String, CloudEvent> p = KafkaUsage.producer(servers(), false);
             KafkaProducer<byte[], byte[]> raw = KafkaUsage.rawProducer(servers())) {
            // All on one partition (one key), so the good record behind the bad ones would wait if they blocked it.
            for (CloudEvent e : List.of(good, unknownCustomer, wrongType, negative, old, huge)) {
                p.send(new ProducerRecord<>(TOPIC, 0, "k", e)).get();
            }
            raw.send(new ProducerRecord<>(TOPIC, 0, "k".getBytes(), "not an event".getBytes())).get();
            ProducerRecord<byte[], byte[]> structured = new ProducerRecord<>(TOPIC, 0, "k".getBytes(),
                    twice.getBytes(StandardCharsets.UTF_8));
            structured.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            raw.send(structured).get();
            p.send(new ProducerRecord<>(TOPIC, 0, "k", after)).get();
        }
        awaitEvents("2024-08", 2);
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaUsage.readAll(servers(), DLQ, 7, Duration.ofSeconds(30));
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            Header id = r.headers().lastHeader("ce_id");
            reasons.put(id == null ? new String(r.value(), StandardCharsets.UTF_8) : new String(id.value(), StandardCharsets.UTF_8),
                    new String(r.headers().lastHeader(UsageKafkaConsumer.REASON_HEADER).value(), StandardCharsets.UTF_8));
            assertThat(new String(r.headers().lastHeader(UsageKafkaConsumer.ORIGIN_HEADER).value(), StandardCharsets.UTF_8))
                    .startsWith(TOPIC + "/0/");
        }
        assertThat(reasons).containsOnlyKeys("bad-customer", "bad-type", "bad-tokens", "bad-version", "not an event",
                "bad-huge", twice);
        assertThat(reasons.get("bad-huge")).contains("tokens has an exponent");
        assertThat(reasons.get(twice)).contains("The key 'id' appears twice");
        assertThat(reasons.get("bad-customer")).contains("subject").contains("unknown customer 'nobody'");
        assertThat(reasons.get("bad-type")).contains("type").contains("com.example.page.view");
        assertThat(reasons.get("bad-tokens")).contains("data.tokens");
        assertThat(reasons.get("bad-version")).contains("specversion");
        assertThat(reasons.get("not an event")).contains("not a CloudEvent");
        assertThat(byModel("2024-08")).containsEntry("qwen-max", 42L);
        await(() -> uncommitted() == 0, "the bad records' offsets committed too");
        assertThat(counter("rejected") - rejectedBefore).isEqualTo(7);
    }

    @Test
    void theConsumersLagAndItsCountersAreOnPrometheus() throws Exception {
        try (KafkaProducer<String, CloudEvent> p = KafkaUsage.producer(servers(), false)) {
            KafkaUsage.send(p, TOPIC, List.of(KafkaUsage.openMeter("//g", "lag-1", "kafka-acme", "qwen-max", "input", 5, "2024-09-01T00:00:00Z")));
        }
        awaitEvents("2024-09", 1);
        // The Kafka client's own view, per partition it reads: how many records it is behind the end of the log.
        await(() -> prometheus().lines().anyMatch(l -> l.startsWith("kafka_consumer_records_lag_records{")
                && l.contains("\"" + TOPIC + "\"")), "the consumer's lag per partition exported");
        String metrics = prometheus();
        assertThat(metrics).contains("kafka_consumer_records_lag_max_records{");
        assertThat(metrics).contains("kpi_ingest_items_total{outcome=\"accepted\",stream=\"kafka\"}");
        assertThat(metrics).contains("kpi_ingest_items_total{outcome=\"rejected\",stream=\"kafka\"}");
        // Each stored poll, its records and its time: the size of the transactions the stream makes.
        assertThat(PrometheusText.sum(metrics, "kpi_ingest_kafka_poll_records_count")).isPositive();
        assertThat(PrometheusText.sum(metrics, "kpi_ingest_kafka_poll_records_sum"))
                .isGreaterThanOrEqualTo(PrometheusText.sum(metrics, "kpi_ingest_kafka_poll_records_count"));
        assertThat(PrometheusText.sum(metrics, "kpi_ingest_kafka_poll_time_seconds_count"))
                .isEqualTo(PrometheusText.sum(metrics, "kpi_ingest_kafka_poll_records_count"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsumersLagHoldsCompletenessBackUntilItIsZero() throws Exception {
        await(() -> uncommitted() == 0, "nothing left behind by the other tests");
        assertThat(api.get("/api/v1/completeness?period=2024-10")).containsEntry("final", true);
        Set<String> ids = consumers.getConsumerIds();
        ids.forEach(consumers::pause);
        String version;
        try {
            await(() -> ids.stream().allMatch(consumers::isPaused), "the usage consumers paused");
            try (KafkaProducer<String, CloudEvent> p = KafkaUsage.producer(servers(), false)) {
                KafkaUsage.send(p, TOPIC, List.of(KafkaUsage.openMeter("//g", "held-1", "kafka-acme", "qwen-max", "input", 5,
                        "2024-10-02T00:00:00Z")));
            }
            // The broker holds a record the consumers have not read: it could be for any day, so none is complete.
            Map<String, Object> held = api.get("/api/v1/completeness?period=2024-10");
            assertThat(held).containsEntry("final", false).containsEntry("dataThrough", null);
            version = (String) held.get("dataVersion");
            assertThat((List<String>) held.get("notes")).anyMatch(n -> n.contains("1 records behind") && n.contains(TOPIC));
        } finally {
            ids.forEach(consumers::resume);
        }
        awaitEvents("2024-10", 1);
        await(() -> Boolean.TRUE.equals(api.get("/api/v1/completeness?period=2024-10").get("final")), "final once caught up");
        Map<String, Object> caughtUp = api.get("/api/v1/completeness?period=2024-10");
        assertThat(caughtUp).containsEntry("dataThrough", "2024-10-31");
        // Received from the topic long after 2 October was complete: late, once.
        assertThat((Map<String, Object>) caughtUp.get("lateItems")).containsEntry("total", 1);
        // And a change since the data version of the answer that was held back.
        assertThat(api.getList("/api/v1/changes?period=2024-10&since=" + version)).singleElement().satisfies(c ->
                assertThat(c).containsEntry("kind", "LATE_EVENTS").containsEntry("day", "2024-10-02").containsEntry("items", 1));
    }

    String prometheus() {
        return client.toBlocking().retrieve("/prometheus");
    }

    double counter(String outcome) {
        return PrometheusText.sum(prometheus(), "kpi_ingest_items_total", "outcome=\"" + outcome + "\"",
                "stream=\"kafka\"");
    }

    long uncommitted() {
        try {
            return KafkaUsage.uncommitted(servers(), GROUP, TOPIC);
        } catch (Exception e) {
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    long events(String period) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) api.get("/api/v1/usage/summary?period=" + period).get("rows");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("events")).longValue();
    }

    @SuppressWarnings("unchecked")
    Map<String, Long> byModel(String period) {
        Map<String, Long> tokens = new HashMap<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) api.get("/api/v1/usage/summary?period=" + period
                + "&groupBy=model").get("rows")) {
            tokens.put((String) r.get("key"), ((Number) r.get("totalTokens")).longValue());
        }
        return tokens;
    }

    void awaitEvents(String period, long expected) throws InterruptedException {
        await(() -> events(period) >= expected, expected + " events in " + period);
        assertThat(events(period)).isEqualTo(expected);
    }

    static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
