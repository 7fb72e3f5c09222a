package aikpi.tongyi.resources;

import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.ingest.IngestResult;
import aikpi.platform.problem.BatchErrors;
import aikpi.tongyi.models.ModelRepository;
import aikpi.vocabulary.Money;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** GPU resources burned: atomic batches, idempotent by entry id, costs exact to the fen. */
@Singleton
public class ResourceUsageService {

    static final int MAX_BATCH = 5_000;
    private static final BigDecimal MAX_GPU_HOURS = new BigDecimal("99999999999");

    private final ResourceUsageRepository entries;
    private final ModelRepository models;
    private final Clock clock;
    private final IngestCounters counters;

    public ResourceUsageService(ResourceUsageRepository entries, ModelRepository models, Clock clock,
                                MeterRegistry registry) {
        this.entries = entries;
        this.models = models;
        this.clock = clock;
        this.counters = new IngestCounters(registry, "resource-usage");
    }


    @Transactional
    public IngestResult ingest(List<ResourceUsageRequest> batch) {
        BatchErrors.checkSize(batch, MAX_BATCH);
        BatchErrors errors = new BatchErrors();
        LocalDate latest = LocalDate.now(clock).plusDays(1);
        Map<String, ResourceUsageEntry> unique = new LinkedHashMap<>();
        Set<String> checkedModels = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            ResourceUsageRequest r = batch.get(i);
            if (r == null) {
                errors.add(i, null, "item", "is null");
                continue;
            }
            String id = r.entryId();
            errors.requireId(i, id, "entryId", id, 128);
            if (errors.requireDate(i, id, "date", r.date()) && r.date().isAfter(latest)) {
                errors.add(i, id, "date", "is in the future (" + r.date() + ")");
            }
            errors.require(i, id, "purpose", r.purpose());
            if (r.modelId() != null && !checkedModels.contains(r.modelId())) {
                if (r.modelId().length() > 64 || !models.existsById(r.modelId())) {
                    errors.add(i, id, "modelId", "unknown model '" + r.modelId() + "'");
                } else {
                    checkedModels.add(r.modelId());
                }
            }
            if (errors.require(i, id, "gpuHours", r.gpuHours())
                    && (r.gpuHours().signum() < 0 || r.gpuHours().compareTo(MAX_GPU_HOURS) > 0 || r.gpuHours().scale() > 3)) {
                errors.add(i, id, "gpuHours", "must be between 0 and " + MAX_GPU_HOURS + " with at most 3 decimals");
            }
            if (errors.require(i, id, "costCny", r.costCny())
                    && (r.costCny().signum() < 0 || !Money.isStorable(r.costCny()))) {
                errors.add(i, id, "costCny", "must be a non-negative amount in CNY with at most two decimals (fen)");
            }
            if (errors.isEmpty()) {
                unique.putIfAbsent(id, new ResourceUsageEntry(id, r.date(), r.purpose(), r.modelId(), r.gpuHours(),
                        Money.cny(r.costCny())));
            }
        }
        if (!errors.isEmpty()) {
            counters.rejected(batch.size());
        }
        errors.throwIfAny();
        Set<String> existing = new HashSet<>(entries.findExistingIds(unique.keySet()));
        List<ResourceUsageEntry> fresh = unique.values().stream().filter(e -> !existing.contains(e.entryId())).toList();
        entries.saveAll(fresh);
        counters.accepted(fresh.size());
        counters.duplicates(batch.size() - fresh.size());
        return new IngestResult(fresh.size(), batch.size() - fresh.size());
    }
}
