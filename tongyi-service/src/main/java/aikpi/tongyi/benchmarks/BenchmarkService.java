package aikpi.tongyi.benchmarks;

import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.platform.problem.BatchErrors;
import aikpi.tongyi.models.Model;
import aikpi.tongyi.models.ModelRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Benchmark results: recorded per (model, benchmark, date), compared on the latest score of each model. */
@Singleton
public class BenchmarkService {

    static final int MAX_BATCH = 1_000;
    private static final BigDecimal MAX_SCORE = new BigDecimal("99999999.9999");

    private final BenchmarkRepository results;
    private final ModelRepository models;
    private final Clock clock;

    public BenchmarkService(BenchmarkRepository results, ModelRepository models, Clock clock) {
        this.results = results;
        this.models = models;
        this.clock = clock;
    }

    @Serdeable
    public record BenchmarkRequest(@Nullable String modelId, @Nullable String benchmark, @Nullable BigDecimal score,
                                   @Nullable LocalDate evaluatedOn) {
    }

    @Serdeable
    public record RecordResult(int accepted, int replaced) implements AuditedResult {
        @Override
        public AuditCounts auditCounts() {
            return new AuditCounts((long) accepted + replaced, (long) accepted + replaced, 0L, "ACCEPTED");
        }
    }

    /** One row of a comparison: a model's latest score, with its vendor so own and reference models stand apart. */
    @Serdeable
    public record Ranked(int rank, String modelId, String displayName, String vendor, BigDecimal score,
                         LocalDate evaluatedOn) {
    }

    @Transactional
    public RecordResult record(List<BenchmarkRequest> batch) {
        BatchErrors.checkSize(batch, MAX_BATCH);
        BatchErrors errors = new BatchErrors();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            BenchmarkRequest r = batch.get(i);
            if (r == null) {
                errors.add(i, null, "item", "is null");
                continue;
            }
            if (errors.require(i, null, "modelId", r.modelId()) && !models.existsById(r.modelId())) {
                errors.add(i, null, "modelId", "unknown model '" + r.modelId() + "'");
            }
            errors.requireId(i, null, "benchmark", r.benchmark(), 100);
            if (errors.require(i, null, "score", r.score())
                    && (r.score().abs().compareTo(MAX_SCORE) > 0 || r.score().scale() > 4)) {
                errors.add(i, null, "score", "must have at most 8 integer digits and 4 decimals");
            }
            if (errors.requireDate(i, null, "evaluatedOn", r.evaluatedOn())
                    && r.evaluatedOn().isAfter(LocalDate.now(clock).plusDays(1))) {
                errors.add(i, null, "evaluatedOn", "is in the future (" + r.evaluatedOn() + ")");
            }
            if (!seen.add(r.modelId() + "/" + r.benchmark() + "/" + r.evaluatedOn())) {
                errors.add(i, null, "evaluatedOn", "the same model, benchmark and date appear twice in this batch");
            }
        }
        errors.throwIfAny();
        int replaced = 0;
        for (BenchmarkRequest r : batch) {
            var existing = results.findByModelIdAndBenchmarkAndEvaluatedOn(r.modelId(), r.benchmark(), r.evaluatedOn());
            if (existing.isPresent()) {
                results.update(new BenchmarkResult(existing.get().id(), r.modelId(), r.benchmark(), r.score(), r.evaluatedOn()));
                replaced++;
            } else {
                results.save(new BenchmarkResult(null, r.modelId(), r.benchmark(), r.score(), r.evaluatedOn()));
            }
        }
        return new RecordResult(batch.size() - replaced, replaced);
    }

    /** Every model's latest score on {@code benchmark}, best first (ties by model id). */
    @Transactional(readOnly = true)
    public List<Ranked> compare(String benchmark) {
        Map<String, BenchmarkResult> latest = new LinkedHashMap<>();
        for (BenchmarkResult r : results.findByBenchmarkOrderByEvaluatedOnDesc(benchmark)) {
            latest.putIfAbsent(r.modelId(), r);
        }
        List<BenchmarkResult> ordered = new ArrayList<>(latest.values());
        ordered.sort(Comparator.comparing(BenchmarkResult::score).reversed().thenComparing(BenchmarkResult::modelId));
        List<Ranked> ranked = new ArrayList<>();
        for (BenchmarkResult r : ordered) {
            Model m = models.findById(r.modelId()).orElseThrow();
            ranked.add(new Ranked(ranked.size() + 1, r.modelId(), m.displayName(), m.vendor(), r.score(), r.evaluatedOn()));
        }
        return ranked;
    }
}
