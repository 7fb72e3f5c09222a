package aikpi.gateway.conversion;

import aikpi.gateway.conversion.AiConversionView.Ai;
import aikpi.gateway.conversion.AiConversionView.AppFigures;
import aikpi.gateway.conversion.AiConversionView.Cloud;
import aikpi.gateway.conversion.AiConversionView.Influence;
import aikpi.gateway.conversion.AiConversionView.Kpi;
import aikpi.gateway.conversion.AiConversionView.Retention;
import aikpi.gateway.conversion.AiConversionView.ToB;
import aikpi.gateway.conversion.AiConversionView.ToBFunnel;
import aikpi.gateway.conversion.AiConversionView.ToC;
import aikpi.gateway.conversion.AiConversionView.ToCFunnel;
import aikpi.gateway.sources.SourceFanOut.PendingCompleteness;
import aikpi.gateway.sources.SourceFigures;
import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.sources.SourceStatus;
import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Combines the three sources' figures for a period into the executive view. Plain Java: no I/O, no framework. */
public final class ConversionCalculator {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private ConversionCalculator() {
    }

    public static AiConversionView compute(Period period, SourceFigures current, SourceFigures previous,
                                           Map<String, SourceReport> sources) {
        Attribution b = current.billing();
        TongyiKpis t = current.tongyi();
        QuarkKpis.Group q = current.quark() == null ? null : current.quark().overall();

        Cloud cloud = b == null ? new Cloud(null, null, null, null, null, null, List.of(), List.of())
                : new Cloud(b.cloudRevenueCny(), b.groupRevenueCny(), b.cloudShare(), b.baselineShare(), b.shareGapPp(),
                        b.shareWithoutAi(), b.currencies() == null ? List.of() : b.currencies(),
                        b.fxRates() == null ? List.of() : b.fxRates());

        BigDecimal resourceCost = t == null ? null : t.resources().costCny();
        BigDecimal cash = b == null ? null : b.aiCashRevenueCny();
        // ai-margin: AI pays for itself only in cash; voucher-funded revenue is not counted against the GPU bill.
        BigDecimal margin = cash == null || resourceCost == null ? null : cash.subtract(resourceCost);
        Ai ai = new Ai(b == null ? null : b.aiRevenueCny(), cash, b == null ? null : b.aiVoucherRevenueCny(),
                b == null ? null : b.aiShareOfCloud(), b == null ? null : b.aiCashShareOfCloud(), resourceCost, margin,
                margin == null ? null : margin.signum() >= 0);

        Long tokens = t == null ? null : t.tokens().totalTokens();
        BigDecimal maasRevenue = b == null ? null : b.reconciliation().maasRevenueCny();
        ModelMargins.Result margins = ModelMargins.compute(current.unitCosts(), current.modelRevenue());
        ToB toB = new ToB(
                new ToBFunnel(
                        t == null ? null : t.influence().cumulative().derivatives().total(),
                        t == null ? null : t.customers().total(),
                        t == null ? null : t.customers().active(),
                        b == null ? null : b.payingCustomers(),
                        tokens,
                        maasRevenue),
                revenuePerMillionTokens(b, tokens),
                t == null ? new Influence(null, null, null) : new Influence(t.influence().gained().downloads(),
                        t.influence().gained().likes(), t.influence().gained().derivatives().total()),
                margins.groupMarginPerMillionTokensCny(), margins.families());

        ToC toC = q == null ? new ToC(new ToCFunnel(null, null, null, null, null), null, null, null, null, null, null,
                        List.of())
                : new ToC(new ToCFunnel(q.mau(), q.aiUsers(), q.volume().aiSessions(), q.quality().resolvedSessions(),
                        q.quality().conversions()), q.stickiness(), q.quality().resolutionRate(),
                        q.quality().turnsPerResolved(), q.quality().avgRating(), q.quality().conversionRate(),
                        retention(q.retention()), apps(current.quark().apps()));

        boolean complete = sources.values().stream().allMatch(s -> s.status().hasData()
                || s.status() == SourceStatus.NOT_APPLICABLE);
        boolean stale = sources.values().stream().anyMatch(s -> s.status() == SourceStatus.STALE);
        return new AiConversionView(period.label(), period.firstDay(), period.lastDay(), period.previous().label(),
                complete, stale, PendingCompleteness.provisional(sources), sources, cloud, ai, toB, toC, VanityAlerts.detect(current, previous),
                kpis(period, cloud, ai, toB, toC, q, b == null ? null : b.businessUnits().stream()
                        .map(Attribution.BusinessUnitSpend::cloudSpendCny).reduce(BigDecimal.ZERO, BigDecimal::add),
                        current.unitCosts()));
    }

    static Retention retention(QuarkKpis.Retention r) {
        return r == null ? null : new Retention(r.cohorts(), r.cohortUsers(), r.week1(), r.week4(), r.aiWeek4(),
                r.nonAiWeek4(), r.aiLiftPp(), r.estimate());
    }

    private static List<AppFigures> apps(List<QuarkKpis.App> apps) {
        return apps.stream().map(a -> new AppFigures(a.appId(), a.name(), a.businessUnit(), a.aiUsers(),
                a.retention() == null ? null : a.retention().week4(),
                a.retention() == null ? null : a.retention().aiLiftPp())).toList();
    }

    /**
     * revenue-per-million-tokens: MaaS token revenue ÷ metered tokens × 10⁶. The ledger's own reconciliation is
     * preferred; when it could not reach metering, the gateway's reading of tongyi stands in.
     */
    static BigDecimal revenuePerMillionTokens(Attribution b, Long meteredTokens) {
        if (b == null) {
            return null;
        }
        if (b.reconciliation().revenuePerMillionTokensCny() != null) {
            return b.reconciliation().revenuePerMillionTokensCny();
        }
        if (meteredTokens == null || meteredTokens == 0) {
            return null;
        }
        return b.reconciliation().maasRevenueCny().multiply(MILLION)
                .divide(BigDecimal.valueOf(meteredTokens), Money.SCALE, RoundingMode.HALF_UP);
    }

    /**
     * cost-per-resolved-session: the AI resource cost of the units' tokens ÷ their resolved AI sessions, to the fen;
     * null when either is unknown or nothing was resolved.
     */
    public static BigDecimal costPerResolvedSession(BigDecimal cost, Long resolved) {
        if (cost == null || resolved == null || resolved == 0) {
            return null;
        }
        return cost.divide(BigDecimal.valueOf(resolved), Money.SCALE, RoundingMode.HALF_UP);
    }

    private static List<Kpi> kpis(Period period, Cloud cloud, Ai ai, ToB toB, ToC toC, QuarkKpis.Group q,
                                  BigDecimal businessUnitSpend, UnitCosts unitCosts) {
        Map<KpiDefinition, BigDecimal> values = new EnumMap<>(KpiDefinition.class);
        values.put(KpiDefinition.CLOUD_SHARE, cloud.share());
        values.put(KpiDefinition.SHARE_GAP_PP, cloud.gapPp());
        values.put(KpiDefinition.AI_ATTRIBUTED_REVENUE, ai.attributedRevenueCny());
        values.put(KpiDefinition.AI_CASH_REVENUE, ai.cashRevenueCny());
        values.put(KpiDefinition.AI_VOUCHER_REVENUE, ai.voucherRevenueCny());
        values.put(KpiDefinition.AI_SHARE_OF_CLOUD, ai.shareOfCloud());
        values.put(KpiDefinition.AI_CASH_SHARE_OF_CLOUD, ai.cashShareOfCloud());
        values.put(KpiDefinition.SHARE_WITHOUT_AI, cloud.shareWithoutAi());
        values.put(KpiDefinition.REVENUE_PER_MILLION_TOKENS, toB.revenuePerMillionTokensCny());
        values.put(KpiDefinition.AI_RESOURCE_COST, ai.resourceCostCny());
        values.put(KpiDefinition.AI_MARGIN, ai.marginCny());
        values.put(KpiDefinition.DOWNLOADS, decimal(toB.influence().downloads()));
        values.put(KpiDefinition.LIKES, decimal(toB.influence().likes()));
        values.put(KpiDefinition.DERIVATIVES, decimal(toB.influence().derivatives()));
        values.put(KpiDefinition.CUSTOMERS_ONBOARDED, decimal(toB.funnel().customersOnboarded()));
        values.put(KpiDefinition.CUSTOMERS_WITH_USAGE, decimal(toB.funnel().customersWithUsage()));
        values.put(KpiDefinition.PAYING_CUSTOMERS, decimal(toB.funnel().payingCustomers()));
        values.put(KpiDefinition.TOKENS, decimal(toB.funnel().tokens()));
        values.put(KpiDefinition.MAAS_REVENUE, toB.funnel().maasRevenueCny());
        values.put(KpiDefinition.BU_CLOUD_SPEND, businessUnitSpend);
        values.put(KpiDefinition.MAU, toC.funnel().mau());
        values.put(KpiDefinition.AI_USERS, decimal(toC.funnel().aiUsers()));
        values.put(KpiDefinition.AI_SESSIONS, decimal(toC.funnel().aiSessions()));
        values.put(KpiDefinition.TURNS, q == null ? null : BigDecimal.valueOf(q.volume().turns()));
        values.put(KpiDefinition.RESOLVED_SESSIONS, decimal(toC.funnel().resolvedSessions()));
        values.put(KpiDefinition.CONVERSIONS, decimal(toC.funnel().conversions()));
        values.put(KpiDefinition.STICKINESS, toC.stickiness());
        values.put(KpiDefinition.RESOLUTION_RATE, toC.resolutionRate());
        values.put(KpiDefinition.TURNS_PER_RESOLVED, toC.turnsPerResolved());
        values.put(KpiDefinition.AVG_RATING, toC.avgRating());
        values.put(KpiDefinition.CONVERSION_RATE, toC.conversionRate());
        values.put(KpiDefinition.WEEK4_RETENTION, toC.retention() == null ? null : toC.retention().week4());
        values.put(KpiDefinition.AI_LIFT, toC.retention() == null ? null : toC.retention().aiLiftPp());
        values.put(KpiDefinition.MARGIN_PER_MILLION_TOKENS, toB.marginPerMillionTokensCny());
        values.put(KpiDefinition.COST_PER_RESOLVED_SESSION, costPerResolvedSession(unitCosts == null ? null
                : unitCosts.total(), toC.funnel().resolvedSessions()));
        List<Kpi> kpis = new ArrayList<>();
        for (KpiDefinition d : KpiDefinition.values()) {
            kpis.add(new Kpi(d.id(), values.get(d), d.unit(), d.definition(), period.label(),
                    d.sources().stream().map(s -> s.serviceId()).toList()));
        }
        return kpis;
    }

    private static BigDecimal decimal(Long value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
