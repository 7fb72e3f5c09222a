package aikpi.gateway.reviews;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import aikpi.gateway.Figures;
import aikpi.gateway.SourceDoubles;
import aikpi.gateway.reviews.seals.ReviewAutoSeal;
import aikpi.gateway.reviews.seals.ReviewSealStore;
import aikpi.gateway.reviews.seals.ReviewSeals;
import aikpi.gateway.targets.TargetService;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The automatic seal on 2025-06-01, its schedule pushed out of the test's way and its rounds run by hand, several at
 * once as replicas would: ShedLock lets one run, and each ended quarter whose sources are all final is sealed once,
 * as {@code auto}; a quarter sealed by hand, or not final, is left alone.
 */
@MicronautTest(transactional = false)
@Property(name = "gateway.review-auto-seal.enabled", value = "true")
@Property(name = "gateway.review-auto-seal.initial-delay", value = "1h")
@Property(name = "gateway.cache.ttl", value = "0s")
class ReviewAutoSealTest extends SourceDoubles {

    @Inject
    ReviewAutoSeal autoSeal;

    @Inject
    ReviewSeals seals;

    @Inject
    ReviewSealStore store;

    @Inject
    TargetService targets;

    @MockBean(Clock.class)
    Clock reviewDay() {
        return Clock.fixed(Instant.parse("2025-06-01T04:00:00Z"), ZoneOffset.UTC);
    }

    @Test
    void eachEndedQuarterIsSealedOnceByOneReplicaAndOthersAreLeftAlone() throws Exception {
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00"), tokens("quark", 700L),
                quark(group(null, 4, 100, 600, "0.400000", 80, 10, "0.050000"),
                      group("quark", 2, 100, 300, "0.500000", 50, 5, "0.050000")),
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of()));
        targets.put(2025, "quark", "toc-ai-sessions", ReviewSealApiTest.target("80", "1"), "exec");
        when(quarkClient.completeness(eq("FY2025-Q4"))).thenReturn(Figures.notFinal("FY2025-Q4", "2025-03-20"));
        seals.seal("FY2025-Q3", null, "executive");

        // Four replicas start a round at the same moment.
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> rounds = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rounds.add(replicas.submit(() -> {
                    start.await();
                    autoSeal.sealEndedQuarters();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : rounds) {
                f.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        // And a later round finds nothing more to do.
        autoSeal.sealEndedQuarters();

        for (String q : List.of("FY2025-Q1", "FY2025-Q2")) {
            assertThat(store.versions(q)).singleElement().satisfies(v -> {
                assertThat(v.sealedBy()).isEqualTo(ReviewAutoSeal.SEALED_BY);
                assertThat(v.forced()).isFalse();
            });
        }
        assertThat(store.versions("FY2025-Q3")).singleElement()
                .satisfies(v -> assertThat(v.sealedBy()).isEqualTo("executive"));
        assertThat(store.versions("FY2025-Q4")).as("not final for quark").isEmpty();
    }
}
