package aikpi.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.notify.outbox.NotificationDispatcher;
import aikpi.gateway.notify.subscriptions.StandingSubscriptions;
import aikpi.kafka.KafkaTestBroker;
import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With Kafka on, every notice also goes to the events topic of a real broker ({@link KafkaTestBroker}) as a CloudEvent
 * in the Kafka binding's binary mode, read back with the CloudEvents SDK's own reader: the notice's id, type, subject,
 * time and extensions as {@code ce_*} headers, its data as the value, its scope as the key; once per notice, whether
 * or not anyone subscribed, and beside a subscriber's own delivery.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "gateway.notify.enabled", value = "false")
@Property(name = "gateway.notify.dispatch.enabled", value = "false")
class EventsTopicTest implements TestPropertyProvider {

    static final String TOPIC = "gateway-events-test-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    Transactions transactions;

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        String servers = KafkaTestBroker.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("kafka.enabled", "true", "kafka.bootstrap.servers", servers, "gateway.notify.kafka.topic", TOPIC);
    }

    Notice notice(String scope) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", "toc-ai-sessions of " + scope + " in FY2026-Q2 went from ON_TRACK to AT_RISK.");
        data.put("before", Map.of("value", "ON_TRACK"));
        data.put("after", Map.of("value", "AT_RISK"));
        return new Notice(UUID.randomUUID().toString(), NoticeTypes.STATUS_CHANGED,
                Instant.parse("2025-09-30T16:00:00Z"), scope, "FY2026-Q2", "toc-ai-sessions", data);
    }

    void enqueue(Notice n) {
        transactions.write(c -> {
            outbox.enqueue(c, n);
            return null;
        });
    }

    List<ConsumerRecord<String, byte[]>> readTopic(int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // Past the expected count, one more poll: a record sent twice would show up.
            int extraPolls = 0;
            while (System.nanoTime() < until && extraPolls < 3) {
                consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
                if (records.size() >= expected) {
                    extraPolls++;
                }
            }
        }
        return records;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyNoticeGoesToTheTopicOnceAsABinaryModeCloudEvent() throws Exception {
        client.toBlocking().exchange(HttpRequest.PUT("/api/v1/subscriptions/amap-mail",
                        Map.of("scopes", List.of("amap"), "types", NoticeTypes.ALL, "channel", "email",
                                "target", "lead@aikpi.example", "language", "en"))
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.EXECUTIVE)));
        Notice heard = notice("amap");
        Notice unheard = notice("taobao");
        enqueue(heard);
        enqueue(unheard);
        enqueue(heard);

        List<Map<String, Object>> rows = new ServiceApi(client.toBlocking()).getList("/api/v1/notifications?limit=100");
        assertThat(rows.stream().filter(r -> StandingSubscriptions.EVENTS_TOPIC.equals(r.get("subscriptionId"))))
                .as("one row per notice for the topic, the repeat adding nothing").hasSize(2);
        assertThat(rows).as("and the subscriber's own row for its scope").hasSize(3);

        dispatcher.dispatchDue().get();
        List<Map<String, Object>> topicRows = new ServiceApi(client.toBlocking())
                .getList("/api/v1/notifications?limit=100&status=SENT").stream()
                .filter(r -> StandingSubscriptions.EVENTS_TOPIC.equals(r.get("subscriptionId"))).toList();
        assertThat(topicRows).hasSize(2);

        List<ConsumerRecord<String, byte[]>> records = readTopic(2);
        assertThat(records).hasSize(2);
        Map<String, CloudEvent> byId = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            assertThat(r.headers().lastHeader("ce_id")).as("binary mode: attributes in headers").isNotNull();
            assertThat(r.headers().lastHeader("ce_specversion").value()).asString(StandardCharsets.UTF_8).isEqualTo("1.0");
            CloudEvent e = KafkaMessageFactory.createReader(r).toEvent();
            assertThat(r.key()).isEqualTo(e.getSubject());
            byId.put(e.getId(), e);
        }
        CloudEvent e = byId.get(heard.id());
        assertThat(e).isNotNull();
        assertThat(byId).containsKey(unheard.id());
        assertThat(e.getType()).isEqualTo(NoticeTypes.STATUS_CHANGED);
        assertThat(e.getSource().toString()).isEqualTo("/aikpi/gateway");
        assertThat(e.getSubject()).isEqualTo("amap");
        assertThat(e.getTime().toInstant()).isEqualTo(Instant.parse("2025-09-30T16:00:00Z"));
        assertThat(e.getExtension("period")).isEqualTo("FY2026-Q2");
        assertThat(e.getExtension("kpiid")).isEqualTo("toc-ai-sessions");
        assertThat(e.getDataContentType()).isEqualTo("application/json");
        Map<String, Object> data = json.readValue(e.getData().toBytes(), Argument.mapOf(String.class, Object.class));
        assertThat(data).containsEntry("scope", "amap").containsEntry("kpiId", "toc-ai-sessions");
        assertThat((Map<String, Object>) data.get("after")).containsEntry("value", "AT_RISK");
    }
}
