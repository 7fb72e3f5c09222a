package aikpi.gateway.drivers;

import aikpi.gateway.drivers.BreakdownSources.Answer;
import aikpi.gateway.drivers.DriverKpis.Kind;
import aikpi.gateway.drivers.DriversCalculator.Result;
import aikpi.gateway.drivers.ShiftShare.Part;
import aikpi.gateway.sources.SourceCalls;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Answers the drivers of a KPI's change and a KPI's breakdown in one period, from the sources' breakdowns. */
@Singleton
public class KpiDrivers {

    private final BreakdownSources sources;

    public KpiDrivers(BreakdownSources sources) {
        this.sources = sources;
    }

    public CompletableFuture<Drivers> drivers(DriverRequest r) {
        CompletableFuture<Answer> before = sources.read(r.entry().kpi(), r.by(), r.unit(), r.compareTo());
        CompletableFuture<Answer> after = sources.read(r.entry().kpi(), r.by(), r.unit(), r.period());
        return SourceCalls.allOf(before, after).thenApply(done -> {
            Result result = DriversCalculator.compute(r.entry().kpi().id(), r.entry().kind(), r.compareTo().label(),
                    before.join().breakdown(), r.period().label(), after.join().breakdown(), r.top());
            return new Drivers(r.entry().kpi().id(), r.entry().kpi().unit(), kind(r.entry().kind()), r.scope(),
                    r.by().label(), r.period().label(), r.compareTo().label(), result.before(), result.after(),
                    result.change(), r.top(), result.members(), result.others(), result.residual(), result.rounding(),
                    DriverKpis.labels(r.entry().dimensions(r.unit() != null)), after.join().sources());
        });
    }

    public CompletableFuture<BreakdownView> breakdown(DriverRequest r) {
        if (r.entry().kind() == Kind.DIFFERENCE) {
            return sources.read(r.entry().kpi(), r.by(), r.unit(), r.period()).thenApply(answer -> difference(r, answer));
        }
        boolean ratio = r.entry().kind() == Kind.RATIO;
        return sources.read(r.entry().kpi(), r.by(), r.unit(), r.period()).thenApply(answer -> {
            Breakdown b = answer.breakdown();
            BigDecimal whole = b.whole().denominator();
            List<BreakdownView.Member> members = new ArrayList<>();
            b.members().forEach((name, part) -> members.add(member(name, part, whole, ratio, drillDown(r, name), null)));
            members.sort(Comparator.comparing((BreakdownView.Member m) -> m.value() == null ? BigDecimal.ZERO : m.value())
                    .reversed().thenComparing(BreakdownView.Member::member));
            Part rest = b.unexplained();
            BreakdownView.Member residual = rest.isNone() ? null
                    : member(DriversCalculator.RESIDUAL, rest, whole, ratio, null, b.residual());
            BigDecimal value = b.figure() != null || !ratio ? (b.figure() != null ? b.figure() : b.whole().numerator())
                    : b.whole().rate() == null ? null : b.whole().rate().setScale(DriversCalculator.SCALE, RoundingMode.HALF_UP);
            return new BreakdownView(r.entry().kpi().id(), r.entry().kpi().unit(), kind(r.entry().kind()), r.scope(),
                    r.by().label(), r.period().label(), value, members, residual,
                    DriverKpis.labels(r.entry().dimensions(r.unit() != null)), answer.sources());
        });
    }

    private static BreakdownView.Member member(String name, Part part, BigDecimal whole, boolean ratio,
                                               @Nullable BreakdownView.DrillDown drillDown, @Nullable String note) {
        if (!ratio) {
            return new BreakdownView.Member(name, part.numerator(), null, null, null, drillDown, note);
        }
        BigDecimal rate = part.rate();
        return new BreakdownView.Member(name, rate == null ? null : rate.setScale(DriversCalculator.SCALE, RoundingMode.HALF_UP),
                part.numerator(), part.denominator(),
                whole.signum() == 0 ? null : ShiftShare.weight(part, whole, DriversCalculator.SCALE), drillDown, note);
    }

    /**
     * A difference of two ratios in one period: each member's own difference, in percentage points; its numerator,
     * denominator and weight are those of the first ratio (for the AI lift: the AI users back, the AI users, and the
     * member's share of the whole's AI users).
     */
    private static BreakdownView difference(DriverRequest r, BreakdownSources.Answer answer) {
        Breakdown b = answer.breakdown();
        Breakdown s = b.subtracted() != null ? b.subtracted() : new Breakdown(null, Part.NONE, Map.of(), null);
        BigDecimal whole = b.whole().denominator();
        List<BreakdownView.Member> members = new ArrayList<>();
        b.members().forEach((name, part) -> members.add(differenceMember(name, part,
                s.members().getOrDefault(name, Part.NONE), whole, drillDown(r, name), null)));
        members.sort(Comparator.comparing((BreakdownView.Member m) -> m.value() == null ? BigDecimal.ZERO : m.value())
                .reversed().thenComparing(BreakdownView.Member::member));
        Part rest = b.unexplained();
        Part restS = s.unexplained();
        BreakdownView.Member residual = rest.isNone() && restS.isNone() ? null
                : differenceMember(DriversCalculator.RESIDUAL, rest, restS, whole, null, b.residual());
        BigDecimal value = b.figure() != null ? b.figure() : DriversCalculator.points(b.whole(), s.whole());
        return new BreakdownView(r.entry().kpi().id(), r.entry().kpi().unit(), kind(r.entry().kind()), r.scope(),
                r.by().label(), r.period().label(), value, members, residual,
                DriverKpis.labels(r.entry().dimensions(r.unit() != null)), answer.sources());
    }

    private static BreakdownView.Member differenceMember(String name, Part part, Part subtracted, BigDecimal whole,
                                                         @Nullable BreakdownView.DrillDown drillDown,
                                                         @Nullable String note) {
        return new BreakdownView.Member(name, DriversCalculator.points(part, subtracted), part.numerator(), part.denominator(),
                whole.signum() == 0 ? null : ShiftShare.weight(part, whole, DriversCalculator.SCALE), drillDown, note);
    }

    /** A business unit of the group's breakdown opens that unit's breakdowns. */
    private static BreakdownView.DrillDown drillDown(DriverRequest r, String member) {
        if (r.by() != Dimension.UNIT || r.entry().withinUnit().isEmpty()) {
            return null;
        }
        return new BreakdownView.DrillDown(member, DriverKpis.labels(r.entry().withinUnit()));
    }

    private static String kind(Kind kind) {
        return kind.name().toLowerCase();
    }

    /** One row of the {@link DriverKpis} table, for callers to discover. */
    @io.micronaut.serde.annotation.Serdeable
    public record TableRow(String kpi, String kind, List<String> group, List<String> withinUnit) {
    }

    public static List<TableRow> table() {
        return DriverKpis.all().stream().map(e -> new TableRow(e.kpi().id(), kind(e.kind()),
                DriverKpis.labels(e.group()), DriverKpis.labels(e.withinUnit()))).toList();
    }
}
