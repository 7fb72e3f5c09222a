package aikpi.tongyi.hubstats;

import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.NotFoundException;
import aikpi.tongyi.hubstats.InfluenceCalculator.PeriodInfluence;
import aikpi.tongyi.models.ModelRepository;
import aikpi.vocabulary.Period;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records hub snapshots (a re-sent snapshot is a correction and replaces the old one) and reads period figures. */
@Singleton
public class HubStatsService {

    static final int MAX_BATCH = 5_000;
    /** No hub counter is anywhere near this; a larger number is a unit or parsing error at the sender. */
    static final long MAX_COUNT = 1_000_000_000_000L;

    private final HubSnapshotRepository snapshots;
    private final ModelRepository models;
    private final Clock clock;
    private final IngestCounters counters;

    public HubStatsService(HubSnapshotRepository snapshots, ModelRepository models, Clock clock, MeterRegistry registry) {
        this.snapshots = snapshots;
        this.models = models;
        this.clock = clock;
        this.counters = new IngestCounters(registry, "hub-stats");
    }

    @Serdeable
    public record SnapshotResult(int accepted, int replaced) implements AuditedResult {
        @Override
        public AuditCounts auditCounts() {
            return new AuditCounts((long) accepted + replaced, (long) accepted + replaced, 0L, "ACCEPTED");
        }
    }

    @Transactional
    public SnapshotResult record(String modelId, List<HubSnapshotRequest> batch) {
        if (!models.existsById(modelId)) {
            throw new NotFoundException("model", modelId);
        }
        BatchErrors.checkSize(batch, MAX_BATCH);
        BatchErrors errors = new BatchErrors();
        LocalDate latestAllowed = LocalDate.now(clock).plusDays(1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            HubSnapshotRequest s = batch.get(i);
            if (s == null) {
                errors.add(i, null, "item", "is null");
                continue;
            }
            if (errors.requireDate(i, null, "date", s.date()) && s.date().isAfter(latestAllowed)) {
                errors.add(i, null, "date", "is in the future (" + s.date() + ")");
            }
            errors.require(i, null, "platform", s.platform());
            errors.requireCount(i, null, "downloads", s.downloads(), MAX_COUNT);
            errors.requireCount(i, null, "likes", s.likes(), MAX_COUNT);
            if (s.derivatives() != null) {
                errors.requireCount(i, null, "derivatives.finetune", orZero(s.derivatives().finetune()), MAX_COUNT);
                errors.requireCount(i, null, "derivatives.quantized", orZero(s.derivatives().quantized()), MAX_COUNT);
                errors.requireCount(i, null, "derivatives.adapter", orZero(s.derivatives().adapter()), MAX_COUNT);
                errors.requireCount(i, null, "derivatives.merge", orZero(s.derivatives().merge()), MAX_COUNT);
            }
            if (s.date() != null && s.platform() != null && !seen.add(s.platform() + "/" + s.date())) {
                errors.add(i, null, "date", "appears twice in this batch for platform " + s.platform());
            }
        }
        if (!errors.isEmpty()) {
            counters.rejected(batch.size());
        }
        errors.throwIfAny();
        int replaced = 0;
        for (HubSnapshotRequest s : batch) {
            HubSnapshotRequest.DerivativeCounts d = s.derivatives() == null
                    ? new HubSnapshotRequest.DerivativeCounts(0L, 0L, 0L, 0L) : s.derivatives();
            HubSnapshot snapshot = new HubSnapshot(null, modelId, s.platform(), s.date(), s.downloads(), s.likes(),
                    orZero(d.finetune()), orZero(d.quantized()), orZero(d.adapter()), orZero(d.merge()));
            var existing = snapshots.findByModelIdAndPlatformAndSnapshotDate(modelId, s.platform(), s.date());
            if (existing.isPresent()) {
                snapshots.update(snapshot.withId(existing.get().id()));
                replaced++;
            } else {
                snapshots.save(snapshot);
            }
        }
        counters.accepted(batch.size() - replaced);
        counters.duplicates(replaced);
        return new SnapshotResult(batch.size() - replaced, replaced);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** All models' influence in a period. */
    @Transactional(readOnly = true)
    public PeriodInfluence influence(Period period) {
        return InfluenceCalculator.compute(
                snapshots.findLatestOnOrBefore(period.lastDay()),
                snapshots.findLatestOnOrBefore(period.firstDay().minusDays(1)));
    }

    /** What each model gained in a period, by model id. */
    @Transactional(readOnly = true)
    public Map<String, Influence> gainedByModel(Period period) {
        return InfluenceCalculator.gainedByModel(
                snapshots.findLatestOnOrBefore(period.lastDay()),
                snapshots.findLatestOnOrBefore(period.firstDay().minusDays(1)));
    }

    /** One model's influence in a period. */
    @Transactional(readOnly = true)
    public PeriodInfluence influence(String modelId, Period period) {
        if (!models.existsById(modelId)) {
            throw new NotFoundException("model", modelId);
        }
        return InfluenceCalculator.compute(
                snapshots.findLatestOnOrBeforeForModel(period.lastDay(), modelId),
                snapshots.findLatestOnOrBeforeForModel(period.firstDay().minusDays(1), modelId));
    }
}
