package aikpi.tongyi.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.ProviderVerification;
import aikpi.tongyi.customers.Customer;
import aikpi.tongyi.customers.CustomerKind;
import aikpi.tongyi.customers.CustomerRepository;
import aikpi.tongyi.hubstats.HubSnapshotRequest;
import aikpi.tongyi.hubstats.HubStatsService;
import aikpi.tongyi.hubstats.Platform;
import aikpi.tongyi.models.Model;
import aikpi.tongyi.models.ModelRepository;
import aikpi.tongyi.resources.Purpose;
import aikpi.tongyi.resources.ResourceUsageRequest;
import aikpi.tongyi.resources.ResourceUsageService;
import aikpi.tongyi.usage.UsageEventRequest;
import aikpi.tongyi.usage.UsageIngestService;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Verifies tongyi-service against every pact in {@code contracts/pacts/} that names it as the provider. Provider
 * states are seeded through the service's own repositories and ingestion rules, never through SQL. Not
 * transactional: the embedded server answers on its own threads and must see what a state committed.
 */
@MicronautTest(transactional = false)
@Provider("tongyi-service")
@PactFolder("../contracts/pacts")
class TongyiPactVerificationTest extends ProviderVerification {

    @Inject
    ModelRepository models;

    @Inject
    CustomerRepository customers;

    @Inject
    UsageIngestService usage;

    @Inject
    HubStatsService hubStats;

    @Inject
    ResourceUsageService resources;

    @State("tongyi has metered usage in 2024-Q4")
    void meteredUsageIn2024Q4() {
        if (!models.existsById("qwen-max")) {
            models.save(new Model("qwen-max", "qwen", "Alibaba", "Qwen-Max", null, false, null,
                    LocalDate.parse("2024-09-19")));
        }
        if (!customers.existsById("pact-acme")) {
            customers.save(new Customer("pact-acme", "Acme (contract test)", CustomerKind.EXTERNAL, null,
                    LocalDate.parse("2024-10-01")));
        }
        // Fixed event ids: seeding the state again is acknowledged as duplicates and changes nothing.
        var result = usage.ingest(List.of(
                new UsageEventRequest("pact-usage-1", "pact-acme", "qwen-max", Instant.parse("2024-10-15T02:00:00Z"), 600L, 300L),
                new UsageEventRequest("pact-usage-2", "pact-acme", "qwen-max", Instant.parse("2024-12-20T02:00:00Z"), 400L, 200L)));
        assertThat(result.accepted() + result.duplicates()).isEqualTo(2);
    }

    @State("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
    void quarterWithUsageInfluenceAndCosts() {
        if (!models.existsById("qwen2.5-72b")) {
            models.save(new Model("qwen2.5-72b", "qwen2.5", "Alibaba", "Qwen2.5-72B", null, true, "Qwen",
                    LocalDate.parse("2024-09-19")));
        }
        if (!customers.existsById("taobao")) {
            customers.save(new Customer("taobao", "Taobao", CustomerKind.INTERNAL, "taobao", LocalDate.parse("2024-06-01")));
        }
        if (!customers.existsById("pact-bank")) {
            customers.save(new Customer("pact-bank", "Bank (contract test)", CustomerKind.EXTERNAL, null,
                    LocalDate.parse("2025-02-01")));
        }
        usage.ingest(List.of(
                new UsageEventRequest("pact-q1-1", "taobao", "qwen2.5-72b", Instant.parse("2025-02-10T02:00:00Z"), 3_000L, 1_000L),
                new UsageEventRequest("pact-q1-2", "pact-bank", "qwen2.5-72b", Instant.parse("2025-03-10T02:00:00Z"), 1_500L, 500L)));
        hubStats.record("qwen2.5-72b", List.of(
                new HubSnapshotRequest(LocalDate.parse("2024-12-31"), Platform.HUGGING_FACE, 7_000L, 700L,
                        new HubSnapshotRequest.DerivativeCounts(10L, 5L, 1L, 1L)),
                new HubSnapshotRequest(LocalDate.parse("2025-03-31"), Platform.HUGGING_FACE, 12_000L, 1_200L,
                        new HubSnapshotRequest.DerivativeCounts(30L, 20L, 5L, 5L))));
        // The inference of qwen2.5-72b, so that taobao's 4,000 of its 6,000 tokens are priced: 2.00 × 4,000 ÷ 6,000.
        resources.ingest(List.of(new ResourceUsageRequest("pact-gpu-1", LocalDate.parse("2025-03-01"), Purpose.INFERENCE,
                null, new BigDecimal("10.000"), new BigDecimal("500.60")),
                new ResourceUsageRequest("pact-gpu-2", LocalDate.parse("2025-03-01"), Purpose.INFERENCE,
                        "qwen2.5-72b", new BigDecimal("1.000"), new BigDecimal("2.00"))));
    }

    /** The events are received now, long after 2025-Q1's days were complete: late, and the quarter final. */
    @State("tongyi has usage events of 2025-Q1, every day of it long complete")
    void quarterLongComplete() {
        quarterWithUsageInfluenceAndCosts();
    }

    /**
     * Received on the service's clock (today), long after 2025-06-01 and after 14 March 2025 was complete: late, and
     * a change since that data version. A fixed id: seeding the state again changes nothing.
     */
    @State("tongyi received late usage events for 2025-Q1 after 2025-06-01")
    void lateUsageAfterJune2025() {
        quarterWithUsageInfluenceAndCosts();
        var result = usage.ingest(List.of(new UsageEventRequest("pact-late-1", "taobao", "qwen2.5-72b",
                Instant.parse("2025-03-14T02:00:00Z"), 120L, 30L)));
        assertThat(result.accepted() + result.duplicates()).isEqualTo(1);
    }
}
