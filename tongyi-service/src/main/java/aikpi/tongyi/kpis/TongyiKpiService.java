package aikpi.tongyi.kpis;

import aikpi.vocabulary.reporting.ReportingZone;
import aikpi.tongyi.customers.CustomerRepository.KindCount;
import aikpi.tongyi.customers.CustomerKind;
import aikpi.tongyi.customers.CustomerRepository;
import aikpi.tongyi.hubstats.HubStatsService;
import aikpi.tongyi.hubstats.InfluenceCalculator.PeriodInfluence;
import aikpi.tongyi.kpis.TongyiKpis.CustomerFigures;
import aikpi.tongyi.kpis.TongyiKpis.InfluenceFigures;
import aikpi.tongyi.kpis.TongyiKpis.KindFigures;
import aikpi.tongyi.kpis.TongyiKpis.ModelReleases;
import aikpi.tongyi.kpis.TongyiKpis.PurposeFigures;
import aikpi.tongyi.kpis.TongyiKpis.Quality;
import aikpi.tongyi.kpis.TongyiKpis.ResourceFigures;
import aikpi.tongyi.kpis.TongyiKpis.TokenFigures;
import aikpi.tongyi.kpis.TongyiKpis.VendorReleases;
import aikpi.tongyi.models.Model;
import aikpi.tongyi.models.ModelRepository;
import aikpi.tongyi.resources.Purpose;
import aikpi.tongyi.resources.ResourceUsageRepository;
import aikpi.tongyi.resources.ResourceUsageRepository.PurposeTotal;
import aikpi.tongyi.usage.UsageSummaryRow;
import aikpi.tongyi.usage.UsageSummaryService;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes a period's KPIs from stored data only. */
@Singleton
public class TongyiKpiService {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    private final ModelRepository models;
    private final CustomerRepository customers;
    private final HubStatsService hubStats;
    private final UsageSummaryService usage;
    private final ResourceUsageRepository resources;
    private final ReportingZone zone;
    private final String ownVendor;

    public TongyiKpiService(ModelRepository models, CustomerRepository customers, HubStatsService hubStats,
                            UsageSummaryService usage, ResourceUsageRepository resources, ReportingZone zone,
                            @Value("${kpi.own-vendor:Alibaba}") String ownVendor) {
        this.models = models;
        this.customers = customers;
        this.hubStats = hubStats;
        this.usage = usage;
        this.resources = resources;
        this.zone = zone;
        this.ownVendor = ownVendor;
    }

    public TongyiKpis compute(Period period) {
        PeriodInfluence influence = hubStats.influence(period);
        UsageSummaryRow tokens = usage.total(period);
        CustomerFigures customerFigures = customerFigures(customers.countByKind(period.firstDay(), period.lastDay()),
                usage.activeCustomersByKind(period));
        ResourceFigures resourceFigures = resourceFigures(resources.totalsByPurpose(period.firstDay(), period.lastDay()));

        BigDecimal inferenceCost = resourceFigures.byPurpose().containsKey(Purpose.INFERENCE)
                ? resourceFigures.byPurpose().get(Purpose.INFERENCE).costCny() : null;
        Quality quality = new Quality(
                Money.ratio(customerFigures.active(), customerFigures.total()),
                influence.gained().downloads() <= 0 ? null : Money.ratio(
                        BigDecimal.valueOf(influence.gained().derivatives().total()).multiply(THOUSAND),
                        BigDecimal.valueOf(influence.gained().downloads())),
                inferenceCost == null || tokens.totalTokens() == 0 ? null
                        : Money.ratio(inferenceCost.multiply(MILLION), BigDecimal.valueOf(tokens.totalTokens())));

        return new TongyiKpis(period.label(), period.firstDay(), period.lastDay(), zone.zoneId().getId(),
                releases(models.findByReleaseDateBetween(period.firstDay(), period.lastDay())),
                new InfluenceFigures(influence.gained(), influence.cumulative(), influence.gainedByPlatform(),
                        influence.cumulativeByPlatform()),
                customerFigures,
                new TokenFigures(tokens.events(), tokens.inputTokens(), tokens.outputTokens(), tokens.totalTokens()),
                resourceFigures,
                quality);
    }

    ModelReleases releases(List<Model> released) {
        Map<String, VendorReleases> byVendor = new TreeMap<>();
        for (Model m : released) {
            VendorReleases v = byVendor.getOrDefault(m.vendor(), new VendorReleases(0, 0));
            byVendor.put(m.vendor(), new VendorReleases(v.released() + 1, v.openSourced() + (m.openSource() ? 1 : 0)));
        }
        VendorReleases own = byVendor.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(ownVendor))
                .map(Map.Entry::getValue).findFirst().orElse(new VendorReleases(0, 0));
        return new ModelReleases(own.released(), own.openSourced(), byVendor);
    }

    static CustomerFigures customerFigures(List<KindCount> counts, Map<String, Long> activeByKind) {
        Map<CustomerKind, KindFigures> figures = new EnumMap<>(CustomerKind.class);
        for (CustomerKind kind : CustomerKind.values()) {
            figures.put(kind, new KindFigures(0, 0, activeByKind.getOrDefault(kind.name(), 0L)));
        }
        for (KindCount c : counts) {
            figures.put(c.kind(), new KindFigures(c.onboarded(), c.total(), activeByKind.getOrDefault(c.kind().name(), 0L)));
        }
        long onboarded = figures.values().stream().mapToLong(KindFigures::onboarded).sum();
        long total = figures.values().stream().mapToLong(KindFigures::total).sum();
        long active = figures.values().stream().mapToLong(KindFigures::active).sum();
        return new CustomerFigures(onboarded, total, active, figures);
    }

    static ResourceFigures resourceFigures(List<PurposeTotal> totals) {
        Map<Purpose, PurposeFigures> byPurpose = new EnumMap<>(Purpose.class);
        BigDecimal hours = BigDecimal.ZERO;
        BigDecimal cost = Money.cny(BigDecimal.ZERO);
        for (PurposeTotal t : totals) {
            byPurpose.put(t.purpose(), new PurposeFigures(t.gpuHours(), Money.cny(t.costCny())));
            hours = hours.add(t.gpuHours());
            cost = cost.add(t.costCny());
        }
        return new ResourceFigures(hours, Money.cny(cost), byPurpose);
    }
}
