package aikpi.quark.metrics;

import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/** The To-C figures of a period: every app, every business unit's totals, and the group's. */
@Serdeable
public record QuarkKpis(
        String period,
        LocalDate from,
        LocalDate to,
        String zone,
        List<AppMetrics> apps,
        List<GroupMetrics> businessUnits,
        GroupMetrics overall) {
}
