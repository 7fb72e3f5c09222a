package aikpi.gateway.reviews.seals;

import aikpi.gateway.reviews.Review;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What differs between a sealed review and the live one, and why, as far as the sources can tell: every KPI whose
 * figures moved (both values and the difference), the effect on each scope's score and rank, and the causes — what
 * each source received since its data version at the seal, and the target versions set since.
 *
 * @param changed        whether any figure differs
 * @param notFinalAtSeal the sources a forced seal was taken before they had finished the period: their later data is
 *                       an expected cause, listed or not
 * @param sources        how each source answered for its causes (and the gateway for its targets)
 */
@Serdeable
public record ReviewChanges(String period, int version, Instant sealedAt, String sealedBy, @Nullable String reason,
                            boolean forced, Instant comparedAt, boolean changed, List<NotFinal> notFinalAtSeal,
                            List<ScopeChange> scopes, List<KpiChange> kpis, List<Cause> causes,
                            Map<String, CauseSource> sources) {

    /** A source that had not finished the period when a forced seal was taken. */
    @Serdeable
    public record NotFinal(String source, @Nullable LocalDate dataThrough) {
    }

    /** A scope whose score, rank or statuses moved: sealed and live values, and how many KPI statuses changed. */
    @Serdeable
    public record ScopeChange(String scope, @Nullable BigDecimal sealedScore, @Nullable BigDecimal liveScore,
                              @Nullable BigDecimal scoreDifference, @Nullable Integer sealedRank,
                              @Nullable Integer liveRank, int statusesChanged) {
    }

    /**
     * A KPI whose figures moved. {@code sealed} or {@code live} is null when the target is only in one of them (set
     * after the seal). {@code causedBy}: the sources (service ids, and {@code gateway} for its target) with a listed
     * change that can explain it; empty when none was listed.
     */
    @Serdeable
    public record KpiChange(String scope, String kpiId, String unit, @Nullable Figures sealed, @Nullable Figures live,
                            @Nullable BigDecimal actualDifference, @Nullable BigDecimal attainmentDifference,
                            boolean statusChanged, boolean targetChanged, List<String> causedBy) {
    }

    /** One side of a KPI change. */
    @Serdeable
    public record Figures(@Nullable BigDecimal actual, BigDecimal target, int targetVersion,
                          @Nullable BigDecimal attainment, Review.Status status, boolean counted,
                          @Nullable BigDecimal scored, @Nullable Boolean floorMet, boolean known) {

        /** The same figures (numbers compared by value, not scale); false against null. */
        public boolean equalTo(@Nullable Figures o) {
            return o != null && SealComparison.same(actual, o.actual) && SealComparison.same(target, o.target)
                    && targetVersion == o.targetVersion && SealComparison.same(attainment, o.attainment)
                    && status == o.status && counted == o.counted && SealComparison.same(scored, o.scored)
                    && java.util.Objects.equals(floorMet, o.floorMet) && known == o.known;
        }
    }

    /**
     * One cause: a change a source received after its data version at the seal (the fields of its
     * {@code GET /api/v1/changes}), or ({@code source} gateway, kind {@code TARGET_SET}) a target version set after
     * the seal.
     */
    @Serdeable
    public record Cause(String source, String kind, Instant at, @Nullable LocalDate day, @Nullable String subject,
                        @Nullable String ref, @Nullable Long items, @Nullable Integer oldVersion,
                        @Nullable Integer newVersion, @Nullable String by, @Nullable String sha256,
                        String description) {
    }

    /** How a source answered for its causes: its status, the data version asked since, how many it listed. */
    @Serdeable
    public record CauseSource(String status, @Nullable String since, int listed, boolean truncated,
                              @Nullable String detail) {
    }
}
