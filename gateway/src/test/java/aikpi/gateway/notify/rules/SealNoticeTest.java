package aikpi.gateway.notify.rules;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.RecordingOutbox;
import aikpi.gateway.reviews.seals.ReviewSeal;
import aikpi.gateway.reviews.seals.ReviewSealStore;
import aikpi.gateway.reviews.seals.ReviewSeals;
import aikpi.gateway.reviews.seals.SealConflictException;
import aikpi.gateway.reviews.seals.SealRequest;
import aikpi.gateway.reviews.seals.SealWriter;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A seal's notice is queued in the seal's own transaction: each stored version is told once, with its version, who
 * sealed it, why and whether it was forced; a refused seal tells nothing, and an outbox that refuses the notice
 * leaves no seal; a seal again tells what it changed against the version before it. On 2025-06-01, FY2025-Q4 has
 * ended.
 */
@MicronautTest(transactional = false, rebuildContext = true)
@Property(name = "gateway.cache.ttl", value = "0s")
@Property(name = RecordingOutbox.PROPERTY, value = "true")
class SealNoticeTest extends SourceDoubles {

    @Inject
    ReviewSeals seals;

    @Inject
    SealWriter writer;

    @Inject
    ReviewSealStore store;

    @Inject
    RecordingOutbox outbox;

    @Inject
    TargetService targets;

    @MockBean(Clock.class)
    Clock reviewDay() {
        return Clock.fixed(Instant.parse("2025-06-01T04:00:00Z"), ZoneOffset.UTC);
    }

    @BeforeEach
    void figuresAndTargets() {
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00"), tokens("quark", 700L),
                quark(group(null, 4, 200, 600, "0.400000", 80, 10, "0.050000"),
                      group("quark", 2, 100, 300, "0.500000", 50, 5, "0.050000")),
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of()));
        targets.put(2025, "quark", "toc-ai-sessions", new TargetRequest(new BigDecimal("80"), Direction.AT_LEAST,
                BigDecimal.ONE, TargetPeriod.QUARTER, null, "synthetic: seal notice test"), "exec");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachSealIsToldOnceWithItsVersionAndARefusedSealNever() {
        ReviewSeal first = seals.seal("FY2025-Q4", null, "executive");
        assertThatThrownBy(() -> seals.seal("FY2025-Q4", null, "executive"))
                .isInstanceOf(InvalidRequestException.class);
        // Another replica's seal of the same version, refused at the primary key.
        assertThatThrownBy(() -> writer.append(first, null)).isInstanceOf(SealConflictException.class);
        // quark's sessions restated from 100 to 60 before the seal again: 60 of 80 is an attainment of 0.75.
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00"), tokens("quark", 700L),
                quark(group(null, 4, 160, 600, "0.400000", 80, 10, "0.050000"),
                      group("quark", 2, 60, 300, "0.500000", 50, 5, "0.050000")),
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of()));
        seals.seal("FY2025-Q4", new SealRequest("billing restated March", null), "cfo");

        assertThat(outbox.notices(NoticeTypes.REVIEW_SEALED)).satisfiesExactly(
                n -> {
                    assertThat(n.scope()).isEqualTo("group");
                    assertThat(n.period()).isEqualTo("FY2025-Q4");
                    assertThat(n.data()).containsEntry("version", 1).containsEntry("sealedBy", "executive")
                            .containsEntry("forced", false).containsEntry("resealed", false)
                            .containsEntry("link", "/dashboard/index.html?period=2025-Q1");
                    assertThat(n.data().get("reason")).isNull();
                },
                n -> {
                    assertThat(n.data()).containsEntry("version", 2).containsEntry("sealedBy", "cfo")
                            .containsEntry("reason", "billing restated March").containsEntry("resealed", true);
                    Map<String, Object> changes = (Map<String, Object>) n.data().get("changes");
                    assertThat(changes).containsEntry("kpisChanged", 1);
                    List<Map<String, Object>> kpis = (List<Map<String, Object>>) changes.get("kpis");
                    assertThat(kpis).singleElement().satisfies(k -> {
                        assertThat(k).containsEntry("scope", "quark").containsEntry("kpiId", "toc-ai-sessions");
                        Map<String, Object> before = (Map<String, Object>) k.get("before");
                        Map<String, Object> after = (Map<String, Object>) k.get("after");
                        assertThat(new BigDecimal(before.get("actual").toString())).isEqualByComparingTo("100");
                        assertThat(new BigDecimal(after.get("actual").toString())).isEqualByComparingTo("60");
                        assertThat(new BigDecimal(after.get("attainment").toString())).isEqualByComparingTo("0.75");
                        assertThat(before.get("status")).isEqualTo("MET");
                        assertThat(after.get("status")).isEqualTo("OFF_TRACK");
                    });
                    List<Map<String, Object>> scopes = (List<Map<String, Object>>) changes.get("scopes");
                    assertThat(scopes).extracting(m -> m.get("scope")).contains("quark");
                });
        assertThat(outbox.notices().get(0).id()).isNotEqualTo(outbox.notices().get(1).id());
    }

    @Test
    void anOutboxThatRefusesTheNoticeLeavesNoSeal() {
        outbox.failNext();
        assertThatThrownBy(() -> seals.seal("FY2025-Q4", null, "executive")).isInstanceOf(RuntimeException.class);
        assertThat(store.lastVersion("FY2025-Q4")).isZero();
        assertThat(outbox.notices()).isEmpty();

        seals.seal("FY2025-Q4", null, "executive");
        assertThat(store.lastVersion("FY2025-Q4")).isEqualTo(1);
        assertThat(outbox.notices(NoticeTypes.REVIEW_SEALED)).hasSize(1);
    }
}
