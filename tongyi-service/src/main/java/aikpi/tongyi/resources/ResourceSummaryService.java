package aikpi.tongyi.resources;

import aikpi.tongyi.resources.ResourceUsageRepository.PurposeTotal;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.List;

/** The GPU resources of a period in total and by model or purpose, read from the stored entries. */
@Singleton
public class ResourceSummaryService {

    private final ResourceUsageRepository entries;

    public ResourceSummaryService(ResourceUsageRepository entries) {
        this.entries = entries;
    }

    public ResourceSummary summary(Period period, ResourceGrouping grouping) {
        // Every entry has a purpose, so the purposes' totals are the whole.
        List<PurposeTotal> byPurpose = entries.totalsByPurpose(period.firstDay(), period.lastDay());
        BigDecimal hours = byPurpose.stream().map(PurposeTotal::gpuHours).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal cost = byPurpose.stream().map(PurposeTotal::costCny).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<ResourceSummary.Row> rows = switch (grouping) {
            case TOTAL -> List.of();
            case PURPOSE -> byPurpose.stream()
                    .map(t -> new ResourceSummary.Row(t.purpose().name(), t.gpuHours(), Money.cny(t.costCny())))
                    .toList();
            case MODEL -> entries.totalsByModel(period.firstDay(), period.lastDay()).stream()
                    .map(t -> new ResourceSummary.Row(t.modelId(), t.gpuHours(), Money.cny(t.costCny()))).toList();
        };
        return new ResourceSummary(period.label(), period.firstDay(), period.lastDay(), grouping.label(), hours,
                Money.cny(cost), rows);
    }
}
