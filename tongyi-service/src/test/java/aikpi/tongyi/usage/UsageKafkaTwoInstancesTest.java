package aikpi.tongyi.usage;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.kafka.KafkaTestBroker;
import aikpi.testing.ServiceInstances;
import aikpi.testing.SharedDatabase;
import aikpi.tongyi.TongyiApi;
import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service in one consumer group on one database (PostgreSQL under the postgres profile, the
 * shared H2 file otherwise) share the topic's partitions: every produced event is counted exactly once, including the
 * ones produced again, and the group ends with nothing uncommitted.
 */
class UsageKafkaTwoInstancesTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void twoReplicasInOneGroupCountEveryEventOnce() throws Exception {
        String servers = KafkaTestBroker.shared().bootstrapServers();
        String topic = "usage-two-instances";
        String group = "tongyi-two-instances";
        KafkaUsage.createTopics(servers, 4, topic);
        Map<String, Object> kafka = Map.of("kafka.enabled", "true", "kafka.bootstrap.servers", servers,
                "kpi.usage.kafka.topic", topic, "kpi.usage.kafka.dlq-topic", topic + ".dlq", "kpi.usage.kafka.group", group,
                "kpi.usage.kafka.max-poll-records", "200", "kpi.usage.kafka.threads", "2");
        try (SharedDatabase database = SharedDatabase.create(dir, "tongyikafka");
             ServiceInstances instances = ServiceInstances.start(database, 2, kafka)) {
            TongyiApi api = new TongyiApi(instances.client(0));
            api.model("qwen-max", "Alibaba", false, "2024-09-19");
            String[] customers = {"k2-acme", "k2-bank", "k2-shop", "k2-taobao"};
            for (String c : customers) {
                api.customer(c, "EXTERNAL", "2024-01-10");
            }
            UsageKafkaTest.await(() -> members(servers, group) == 4, "both instances' two consumers in the group");

            int n = 4000;
            List<CloudEvent> events = new ArrayList<>(n);
            long tokens = 0;
            for (int i = 0; i < n; i++) {
                String time = String.format("2024-10-%02dT%02d:00:00Z", 1 + i % 30, i % 24);
                events.add(KafkaUsage.openMeter("//gateway/" + (i % 3), "two-" + i, customers[i % customers.length],
                        "qwen-max", "input", 1 + i % 50, time));
                tokens += 1 + i % 50;
            }
            try (KafkaProducer<String, CloudEvent> p = KafkaUsage.producer(servers, false)) {
                KafkaUsage.send(p, topic, events);
                // A gateway that re-sends a stretch after a lost acknowledgement.
                KafkaUsage.send(p, topic, events.subList(1000, 1500));
            }
            TongyiApi other = new TongyiApi(instances.client(1));
            UsageKafkaTest.await(() -> uncommitted(servers, group, topic) == 0 && total(other, "events") >= n,
                    "every record consumed and committed");
            assertThat(total(other, "events")).isEqualTo(n);
            assertThat(total(api, "inputTokens")).isEqualTo(tokens);
            assertThat(api.get("/api/v1/usage/summary?period=2024-10&groupBy=customer"))
                    .isEqualTo(other.get("/api/v1/usage/summary?period=2024-10&groupBy=customer"));
        }
    }

    private static long uncommitted(String servers, String group, String topic) {
        try {
            return KafkaUsage.uncommitted(servers, group, topic);
        } catch (Exception e) {
            return -1;
        }
    }

    private static int members(String servers, String group) {
        try {
            return KafkaUsage.members(servers, group);
        } catch (Exception e) {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static long total(TongyiApi api, String figure) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) api.get("/api/v1/usage/summary?period=2024-10").get("rows");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(figure)).longValue();
    }
}
