package aikpi.gateway.drivers;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.drivers.ShiftShare.Part;
import aikpi.gateway.sources.Source;
import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFanOut;
import aikpi.gateway.sources.SourceFetcher;
import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.sources.Sourced;
import aikpi.gateway.sources.SourcesUnavailableException;
import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.billing.BillingOperations;
import aikpi.gateway.sources.billing.LedgerSummary;
import aikpi.gateway.sources.billing.PayingCustomers;
import aikpi.gateway.sources.quark.QuarkBreakdown;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.quark.QuarkOperations;
import aikpi.gateway.sources.tongyi.HubSummary;
import aikpi.gateway.sources.tongyi.ResourceSummary;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import aikpi.gateway.sources.tongyi.TongyiOperations;
import aikpi.gateway.sources.tongyi.UsageSummary;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads one period's breakdown of a KPI over a dimension from the service that holds it, under the gateway's fetch
 * rules ({@link SourceFetcher}): quark's counts and users per unit, app and feature, and its week-4 retention
 * counts per unit and app; tongyi's metered tokens per unit,
 * customer, customer kind and model, its GPU cost per model and purpose, its hub gains per model and platform and its
 * active customers per kind; the ledger's AI revenue per unit, customer, customer kind, product and model, and its
 * paying customers per kind.
 */
@Singleton
public class BreakdownSources {

    /** The members of cloud-share by revenue: AI revenue paid in cash, AI revenue funded by vouchers, the rest. */
    static final String CLOUD_AI_CASH = "ai-cash";
    static final String CLOUD_AI_VOUCHERS = "ai-vouchers";
    static final String CLOUD_NOT_AI = "not-ai";

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final QuarkOperations quark;
    private final TongyiOperations tongyi;
    private final BillingOperations billing;
    private final SourceFetcher fetcher;
    private final SourceFanOut fanOut;

    public BreakdownSources(QuarkOperations quark, TongyiOperations tongyi, BillingOperations billing,
                            SourceFetcher fetcher, SourceFanOut fanOut) {
        this.quark = quark;
        this.tongyi = tongyi;
        this.billing = billing;
        this.fetcher = fetcher;
        this.fanOut = fanOut;
    }

    /** A breakdown and the state of each source it was read from. */
    public record Answer(Breakdown breakdown, Map<String, SourceReport> sources) {
    }

    /** @param unit the business unit the breakdown stays within, or null for the whole group */
    public CompletableFuture<Answer> read(KpiDefinition kpi, Dimension by, @Nullable String unit, Period period) {
        return switch (kpi) {
            case AI_SESSIONS, RESOLVED_SESSIONS, CONVERSIONS, RESOLUTION_RATE, CONVERSION_RATE, STICKINESS ->
                    quarkBreakdown(kpi, by, unit, period);
            case TOKENS -> tokens(by, unit, period);
            case AI_ATTRIBUTED_REVENUE, AI_CASH_REVENUE, MAAS_REVENUE -> revenue(kpi, by, unit, period);
            case AI_SHARE_OF_CLOUD -> aiShareOfCloud(by, period);
            case CLOUD_SHARE -> cloudShare(period);
            case REVENUE_PER_MILLION_TOKENS -> revenuePerMillionTokens(by, unit, period);
            case AI_RESOURCE_COST -> resourceCost(by, period);
            case AI_MARGIN -> margin(by, period);
            case DOWNLOADS, LIKES, DERIVATIVES -> hubGains(kpi, by, period);
            case CUSTOMERS_ONBOARDED, CUSTOMERS_WITH_USAGE -> tongyiCustomers(kpi, period);
            case PAYING_CUSTOMERS -> payingCustomers(period);
            case MAU, AI_USERS -> quarkUsers(kpi, by, unit, period);
            case WEEK4_RETENTION, AI_LIFT -> retention(kpi, by, unit, period);
            default -> throw new IllegalArgumentException(kpi.id() + " has no breakdown");
        };
    }

    // ---- quark: AI volume, quality and stickiness per unit, app and feature

    private CompletableFuture<Answer> quarkBreakdown(KpiDefinition kpi, Dimension by, String unit, Period period) {
        String label = period.label();
        return fetcher.fetch(Source.QUARK, "kpis?retention=false&period=" + label, () -> quark.breakdown(label))
                .thenApply(answer -> {
                    QuarkBreakdown q = required(Source.QUARK, answer, label);
                    QuarkBreakdown.Group whole = unit == null ? q.overall() : q.businessUnits().stream()
                            .filter(g -> unit.equals(g.businessUnit())).findFirst().orElse(null);
                    Map<String, Part> members = new LinkedHashMap<>();
                    String residual = null;
                    switch (by) {
                        case UNIT -> {
                            q.businessUnits().forEach(g -> put(members, g.businessUnit(),
                                    quarkPart(kpi, g.volume(), g.quality(), g.dau(), g.mau())));
                            residual = kpi == KpiDefinition.STICKINESS
                                    ? "a user active in several units' apps counts once in the group's DAU and MAU "
                                    + "and once in each unit's" : "sessions of apps without a business unit";
                        }
                        case APP -> {
                            appsOf(q, unit).forEach(a -> put(members, a.appId(),
                                    quarkPart(kpi, a.volume(), a.quality(), a.dau(), a.mau())));
                            residual = kpi == KpiDefinition.STICKINESS
                                    ? "a user active in several apps counts once in the whole's DAU and MAU and once "
                                    + "in each app's" : "sessions quark holds for no app";
                        }
                        case FEATURE -> {
                            appsOf(q, unit).forEach(a -> a.features().stream().filter(f -> f.volume() != null)
                                    .forEach(f -> put(members, a.appId() + "/" + f.featureId(),
                                            quarkPart(kpi, f.volume(), f.quality(), null, null))));
                            residual = "sessions of apps fed by daily aggregates, whose days are not split by feature";
                        }
                        default -> throw new IllegalArgumentException(by.label());
                    }
                    Breakdown b;
                    if (whole == null) {
                        b = new Breakdown(null, Part.NONE, members, residual);
                    } else {
                        Part part = quarkPart(kpi, whole.volume(), whole.quality(), whole.dau(), whole.mau());
                        BigDecimal figure = switch (kpi) {
                            case RESOLUTION_RATE -> whole.quality().resolutionRate();
                            case CONVERSION_RATE -> whole.quality().conversionRate();
                            case STICKINESS -> whole.stickiness();
                            default -> part.numerator();
                        };
                        b = new Breakdown(figure, part, members, residual);
                    }
                    return new Answer(b, Map.of(Source.QUARK.serviceId(), SourceReport.of(answer)));
                });
    }

    private static List<QuarkBreakdown.App> appsOf(QuarkBreakdown q, String unit) {
        return q.apps().stream().filter(a -> unit == null || unit.equals(a.businessUnit())).toList();
    }

    private static Part quarkPart(KpiDefinition kpi, QuarkBreakdown.Volume volume, QuarkBreakdown.Quality quality,
                                  BigDecimal dau, BigDecimal mau) {
        return switch (kpi) {
            case AI_SESSIONS -> Breakdown.sum(volume.aiSessions());
            case RESOLVED_SESSIONS -> Breakdown.sum(quality.resolvedSessions());
            case CONVERSIONS -> Breakdown.sum(quality.conversions());
            // assistant-resolution-rate: resolved ÷ sessions with a known outcome
            case RESOLUTION_RATE -> new Part(BigDecimal.valueOf(quality.resolvedSessions()),
                    BigDecimal.valueOf(quality.knownOutcomeSessions()));
            // assistant-conversion-rate: conversions ÷ AI sessions
            case CONVERSION_RATE -> new Part(BigDecimal.valueOf(quality.conversions()),
                    BigDecimal.valueOf(volume.aiSessions()));
            // stickiness: average DAU ÷ MAU
            case STICKINESS -> new Part(dau == null ? BigDecimal.ZERO : dau, mau == null ? BigDecimal.ZERO : mau);
            default -> throw new IllegalArgumentException(kpi.id());
        };
    }

    // ---- tongyi: metered tokens per unit, customer, customer kind and model

    private CompletableFuture<Sourced<UsageSummary>> usage(Period period, String groupBy, String unit) {
        String label = period.label();
        String key = "usage/summary?period=" + label + "&groupBy=" + groupBy + "&businessUnit=" + unit;
        if (Dimension.UNIT.label().equals(groupBy)) {
            return fetcher.fetch(Source.TONGYI, "usage/summary?groupBy=businessUnit&period=" + label,
                    () -> tongyi.usageByBusinessUnit(label));
        }
        return fetcher.fetch(Source.TONGYI, key, () -> tongyi.usage(label, groupBy, unit));
    }

    private CompletableFuture<Answer> tokens(Dimension by, String unit, Period period) {
        String label = period.label();
        CompletableFuture<Sourced<UsageSummary>> rows = usage(period, by.label(), unit);
        CompletableFuture<Sourced<UsageSummary>> total = unit == null ? usage(period, null, null) : rows;
        return SourceCalls.allOf(rows, total).thenApply(done -> {
            UsageSummary r = required(Source.TONGYI, rows.join(), label);
            UsageSummary t = required(Source.TONGYI, total.join(), label);
            Map<String, Part> members = new LinkedHashMap<>();
            r.rows().forEach(row -> put(members, row.key(), Breakdown.sum(row.totalTokens())));
            long whole = t.rows().stream().mapToLong(UsageSummary.Row::totalTokens).sum();
            return new Answer(Breakdown.ofSum(BigDecimal.valueOf(whole), members,
                    "tokens of customers that are not a business unit (external and investee customers)"),
                    Map.of(Source.TONGYI.serviceId(), SourceReport.of(rows.join())));
        });
    }

    // ---- billing: AI revenue per unit, customer, customer kind and product

    private CompletableFuture<Sourced<LedgerSummary>> ledger(Period period, String groupBy, String unit) {
        String label = period.label();
        String by = Dimension.UNIT.label().equals(groupBy) ? "businessUnit" : groupBy;
        return fetcher.fetch(Source.BILLING, "ledger/summary?period=" + label + "&groupBy=" + by + "&businessUnit=" + unit,
                () -> billing.ledgerSummary(label, by, unit));
    }

    /**
     * The whole a breakdown's rows are part of: the group's ledger; within a unit, its own lines (by product they are
     * the rows themselves; by model, the lines naming none are left out of the rows, so its products are the whole).
     */
    private CompletableFuture<Sourced<LedgerSummary>> unitTotal(Period period, Dimension by, String unit,
                                                                CompletableFuture<Sourced<LedgerSummary>> rows) {
        if (unit == null) {
            return ledger(period, null, null);
        }
        return by == Dimension.PRODUCT ? rows : ledger(period, Dimension.PRODUCT.label(), unit);
    }

    private static Function<LedgerSummary.Row, BigDecimal> revenueOf(KpiDefinition kpi) {
        return switch (kpi) {
            case AI_ATTRIBUTED_REVENUE -> LedgerSummary.Row::aiCny;
            case AI_CASH_REVENUE -> LedgerSummary.Row::aiCashCny;
            case MAAS_REVENUE -> LedgerSummary.Row::maasCny;
            default -> throw new IllegalArgumentException(kpi.id());
        };
    }

    private CompletableFuture<Answer> revenue(KpiDefinition kpi, Dimension by, String unit, Period period) {
        String label = period.label();
        Function<LedgerSummary.Row, BigDecimal> revenue = revenueOf(kpi);
        CompletableFuture<Sourced<LedgerSummary>> rows = ledger(period, by.label(), unit);
        CompletableFuture<Sourced<LedgerSummary>> total = unitTotal(period, by, unit, rows);
        return SourceCalls.allOf(rows, total).thenApply(done -> {
            LedgerSummary r = required(Source.BILLING, rows.join(), label);
            LedgerSummary t = required(Source.BILLING, total.join(), label);
            Map<String, Part> members = new LinkedHashMap<>();
            r.rows().forEach(row -> put(members, row.key(), Breakdown.sum(zeroIfNull(revenue.apply(row)))));
            BigDecimal whole = t.rows().stream().map(revenue).map(BreakdownSources::zeroIfNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Answer(Breakdown.ofSum(whole, members, by == Dimension.MODEL
                    ? "MaaS revenue of ledger lines naming no model"
                    : "revenue from customers that are not a business unit (external and investee customers)"),
                    Map.of(Source.BILLING.serviceId(), SourceReport.of(rows.join())));
        });
    }

    /** ai-share-of-cloud: AI-attributed ÷ reported cloud revenue; each member's weight is its ledger revenue. */
    private CompletableFuture<Answer> aiShareOfCloud(Dimension by, Period period) {
        String label = period.label();
        CompletableFuture<Sourced<LedgerSummary>> rows = ledger(period, by.label(), null);
        CompletableFuture<Sourced<LedgerSummary>> total = ledger(period, null, null);
        CompletableFuture<Sourced<Attribution>> attribution = fanOut.attribution(period);
        return SourceCalls.allOf(rows, total, attribution).thenApply(done -> {
            LedgerSummary r = required(Source.BILLING, rows.join(), label);
            LedgerSummary t = required(Source.BILLING, total.join(), label);
            Attribution a = required(Source.BILLING, attribution.join(), label);
            Map<String, Part> members = new LinkedHashMap<>();
            r.rows().forEach(row -> put(members, row.key(), new Part(zeroIfNull(row.aiCny()), row.amountCny())));
            BigDecimal ai = t.rows().stream().map(LedgerSummary.Row::aiCny).map(BreakdownSources::zeroIfNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Part whole = new Part(ai, a.cloudRevenueCny() == null ? BigDecimal.ZERO : a.cloudRevenueCny());
            return new Answer(new Breakdown(a.aiShareOfCloud(), whole, members,
                    "reported cloud revenue no ledger line accounts for" + (by == Dimension.UNIT
                            ? ", and the lines of customers that are not a business unit" : "")),
                    Map.of(Source.BILLING.serviceId(), SourceReport.of(attribution.join())));
        });
    }

    /**
     * cloud-share: cloud revenue ÷ group revenue (both reported by quarter), split by what the cloud revenue is: AI
     * revenue paid in cash, AI revenue funded by vouchers, and the rest of the cloud, each as its share of the group's
     * revenue at the reported share's scale. The rest is the reported share less the two AI parts, so the three add up
     * to the reported share exactly.
     */
    private CompletableFuture<Answer> cloudShare(Period period) {
        String label = period.label();
        CompletableFuture<Sourced<Attribution>> attribution = fanOut.attribution(period);
        return attribution.thenApply(answer -> {
            Attribution a = required(Source.BILLING, answer, label);
            Map<String, Part> members = new LinkedHashMap<>();
            BigDecimal share = a.cloudShare();
            BigDecimal group = a.groupRevenueCny();
            if (share != null && group != null && group.signum() > 0) {
                int scale = share.scale();
                BigDecimal cash = zeroIfNull(a.aiCashRevenueCny()).divide(group, scale, RoundingMode.HALF_EVEN);
                BigDecimal vouchers = zeroIfNull(a.aiVoucherRevenueCny()).divide(group, scale, RoundingMode.HALF_EVEN);
                put(members, CLOUD_AI_CASH, Breakdown.sum(cash));
                put(members, CLOUD_AI_VOUCHERS, Breakdown.sum(vouchers));
                put(members, CLOUD_NOT_AI, Breakdown.sum(share.subtract(cash).subtract(vouchers)));
            }
            Breakdown b = share == null ? new Breakdown(null, Part.NONE, members, null)
                    : Breakdown.ofSum(share, members, "the cloud share no part accounts for");
            return new Answer(b, Map.of(Source.BILLING.serviceId(), SourceReport.of(answer)));
        });
    }

    /**
     * revenue-per-million-tokens: MaaS token revenue (billing) ÷ metered tokens (tongyi) × 10⁶, per customer, kind,
     * unit or model. Within a unit, by model: the unit's own MaaS lines per model ÷ its own tokens per model; its
     * figure is its own whole's rate (the executive view has no unit figure for it).
     */
    private CompletableFuture<Answer> revenuePerMillionTokens(Dimension by, @Nullable String unit, Period period) {
        String label = period.label();
        CompletableFuture<Sourced<LedgerSummary>> revenueRows = ledger(period, by.label(), unit);
        CompletableFuture<Sourced<LedgerSummary>> revenueTotal = unitTotal(period, by, unit, revenueRows);
        CompletableFuture<Sourced<UsageSummary>> tokenRows = usage(period, by.label(), unit);
        // Every metered token names a model, so a unit's tokens per model are all of its tokens.
        CompletableFuture<Sourced<UsageSummary>> tokenTotal = unit == null ? usage(period, null, null) : tokenRows;
        CompletableFuture<Sourced<Attribution>> attribution = unit == null ? fanOut.attribution(period)
                : CompletableFuture.completedFuture(Sourced.notApplicable("a unit's own rate has no reported figure"));
        return SourceCalls.allOf(revenueRows, revenueTotal, tokenRows, tokenTotal, attribution).thenApply(done -> {
            Map<String, BigDecimal> numerators = new LinkedHashMap<>();
            required(Source.BILLING, revenueRows.join(), label).rows()
                    .forEach(row -> numerators.merge(row.key(), zeroIfNull(row.maasCny()).multiply(MILLION), BigDecimal::add));
            Map<String, BigDecimal> denominators = new LinkedHashMap<>();
            required(Source.TONGYI, tokenRows.join(), label).rows()
                    .forEach(row -> denominators.merge(row.key(), BigDecimal.valueOf(row.totalTokens()), BigDecimal::add));
            Map<String, Part> members = new LinkedHashMap<>();
            numerators.forEach((k, n) -> put(members, k, new Part(n, denominators.getOrDefault(k, BigDecimal.ZERO))));
            denominators.forEach((k, d) -> members.putIfAbsent(k, new Part(BigDecimal.ZERO, d)));
            members.values().removeIf(Part::isNone);
            BigDecimal maas = required(Source.BILLING, revenueTotal.join(), label).rows().stream()
                    .map(LedgerSummary.Row::maasCny).map(BreakdownSources::zeroIfNull).reduce(BigDecimal.ZERO, BigDecimal::add);
            long tokens = required(Source.TONGYI, tokenTotal.join(), label).rows().stream()
                    .mapToLong(UsageSummary.Row::totalTokens).sum();
            Attribution a = attribution.join().value();
            BigDecimal figure = a == null ? null : a.reconciliation().revenuePerMillionTokensCny();
            String residual = switch (by) {
                case MODEL -> "MaaS revenue of ledger lines naming no model (their tokens are metered under a model)";
                case UNIT -> "revenue and tokens of customers that are not a business unit (external and investee "
                        + "customers)";
                default -> "revenue or tokens of no customer the other service knows";
            };
            Map<String, SourceReport> reports = new LinkedHashMap<>();
            reports.put(Source.TONGYI.serviceId(), SourceReport.of(tokenRows.join()));
            reports.put(Source.BILLING.serviceId(), SourceReport.of(revenueRows.join()));
            return new Answer(new Breakdown(figure, new Part(maas.multiply(MILLION), BigDecimal.valueOf(tokens)),
                    members, residual), reports);
        });
    }

    // ---- tongyi: GPU resources per model and purpose; hub gains per model and platform; customers per kind

    private CompletableFuture<Sourced<ResourceSummary>> resources(Period period, Dimension by) {
        String label = period.label();
        return fetcher.fetch(Source.TONGYI, "resources/summary?period=" + label + "&groupBy=" + by.label(),
                () -> tongyi.resources(label, by.label()));
    }

    private CompletableFuture<Answer> resourceCost(Dimension by, Period period) {
        String label = period.label();
        return resources(period, by).thenApply(answer -> {
            ResourceSummary r = required(Source.TONGYI, answer, label);
            Map<String, Part> members = new LinkedHashMap<>();
            r.rows().forEach(row -> put(members, row.key(), Breakdown.sum(row.costCny())));
            return new Answer(Breakdown.ofSum(r.costCny(), members, "GPU cost recorded for no model"),
                    Map.of(Source.TONGYI.serviceId(), SourceReport.of(answer)));
        });
    }

    private CompletableFuture<Answer> hubGains(KpiDefinition kpi, Dimension by, Period period) {
        String label = period.label();
        Function<TongyiKpis.Counters, Long> counter = switch (kpi) {
            case DOWNLOADS -> TongyiKpis.Counters::downloads;
            case LIKES -> TongyiKpis.Counters::likes;
            case DERIVATIVES -> c -> c.derivatives().total();
            default -> throw new IllegalArgumentException(kpi.id());
        };
        return fetcher.fetch(Source.TONGYI, "hub-stats/summary?period=" + label + "&groupBy=" + by.label(),
                () -> tongyi.hubStats(label, by.label())).thenApply(answer -> {
                    HubSummary h = required(Source.TONGYI, answer, label);
                    Map<String, Part> members = new LinkedHashMap<>();
                    h.rows().forEach(row -> put(members, row.key(), Breakdown.sum(counter.apply(row.gained()))));
                    // A model's (platform's) gains add up to the whole: no residual unless the hub's rows do not.
                    return new Answer(Breakdown.ofSum(BigDecimal.valueOf(counter.apply(h.gained())), members,
                            "gains tongyi reports in no " + by.label()),
                            Map.of(Source.TONGYI.serviceId(), SourceReport.of(answer)));
                });
    }

    /**
     * tob-customers-onboarded (customers by the period's end) and tob-customers-with-usage: each customer has one kind,
     * so the kinds' counts add up to them.
     */
    private CompletableFuture<Answer> tongyiCustomers(KpiDefinition kpi, Period period) {
        String label = period.label();
        boolean active = kpi == KpiDefinition.CUSTOMERS_WITH_USAGE;
        return fetcher.fetch(Source.TONGYI, "kpis?period=" + label, () -> tongyi.kpis(label)).thenApply(answer -> {
            TongyiKpis t = required(Source.TONGYI, answer, label);
            Map<String, Part> members = new LinkedHashMap<>();
            if (t.customers().byKind() != null) {
                t.customers().byKind().forEach((kind, f) -> put(members, kind,
                        Breakdown.sum(active ? f.active() : f.total())));
            }
            return new Answer(Breakdown.ofSum(BigDecimal.valueOf(active ? t.customers().active()
                    : t.customers().total()), members, "customers tongyi counts in no kind"),
                    Map.of(Source.TONGYI.serviceId(), SourceReport.of(answer)));
        });
    }

    /** tob-paying-customers: each customer has one kind, so the kinds' counts add up to it. */
    private CompletableFuture<Answer> payingCustomers(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.BILLING, "ledger/paying-customers?period=" + label,
                () -> billing.payingCustomers(label)).thenApply(answer -> {
                    PayingCustomers p = required(Source.BILLING, answer, label);
                    Map<String, Part> members = new LinkedHashMap<>();
                    p.byKind().forEach((kind, n) -> put(members, kind, Breakdown.sum(n)));
                    return new Answer(Breakdown.ofSum(BigDecimal.valueOf(p.payingCustomers()), members,
                            "paying customers billing counts in no kind"),
                            Map.of(Source.BILLING.serviceId(), SourceReport.of(answer)));
                });
    }

    // ---- billing and tongyi: AI cash revenue less GPU cost

    /**
     * ai-margin: AI cash revenue (ledger) − AI resource cost (tongyi). By model, each model's cash from the MaaS lines
     * naming it less the GPU cost recorded for it; what names no model on either side is the residual. By product, the
     * ledger's rows are the revenue and the whole GPU cost, which no product carries, is the residual.
     */
    private CompletableFuture<Answer> margin(Dimension by, Period period) {
        String label = period.label();
        CompletableFuture<Sourced<LedgerSummary>> rows = ledger(period, by.label(), null);
        CompletableFuture<Sourced<LedgerSummary>> total = ledger(period, null, null);
        CompletableFuture<Sourced<ResourceSummary>> cost = by == Dimension.MODEL ? resources(period, by)
                : fetcher.fetch(Source.TONGYI, "resources/summary?period=" + label,
                        () -> tongyi.resources(label, null));
        return SourceCalls.allOf(rows, total, cost).thenApply(done -> {
            LedgerSummary r = required(Source.BILLING, rows.join(), label);
            LedgerSummary t = required(Source.BILLING, total.join(), label);
            ResourceSummary c = required(Source.TONGYI, cost.join(), label);
            Map<String, Part> members = new LinkedHashMap<>();
            r.rows().forEach(row -> put(members, row.key(), Breakdown.sum(zeroIfNull(row.aiCashCny()))));
            String residual;
            if (by == Dimension.MODEL) {
                c.rows().forEach(row -> put(members, row.key(), Breakdown.sum(row.costCny().negate())));
                residual = "AI cash revenue of ledger lines naming no model (AI compute, AI apps, MaaS lines naming "
                        + "none) less the GPU cost recorded for no model";
            } else {
                residual = "the GPU resource cost, which no product of the ledger carries: all of it, subtracted";
            }
            BigDecimal cash = t.rows().stream().map(LedgerSummary.Row::aiCashCny).map(BreakdownSources::zeroIfNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, SourceReport> reports = new LinkedHashMap<>();
            reports.put(Source.TONGYI.serviceId(), SourceReport.of(cost.join()));
            reports.put(Source.BILLING.serviceId(), SourceReport.of(rows.join()));
            return new Answer(Breakdown.ofSum(cash.subtract(c.costCny()), members, residual), reports);
        });
    }

    // ---- quark: distinct users per unit and app

    /**
     * toc-mau and toc-ai-users count distinct users: a user of several units' (apps') apps is in each of their figures
     * and once in the whole, so the members add up to more than the whole and the residual takes the overlap off.
     */
    private CompletableFuture<Answer> quarkUsers(KpiDefinition kpi, Dimension by, String unit, Period period) {
        String label = period.label();
        Function<BigDecimal, BigDecimal> none = v -> v == null ? BigDecimal.ZERO : v;
        return fetcher.fetch(Source.QUARK, "kpis?retention=false&period=" + label, () -> quark.breakdown(label))
                .thenApply(answer -> {
                    QuarkBreakdown q = required(Source.QUARK, answer, label);
                    QuarkBreakdown.Group whole = unit == null ? q.overall() : q.businessUnits().stream()
                            .filter(g -> unit.equals(g.businessUnit())).findFirst().orElse(null);
                    boolean mau = kpi == KpiDefinition.MAU;
                    Map<String, Part> members = new LinkedHashMap<>();
                    switch (by) {
                        case UNIT -> q.businessUnits().forEach(g -> put(members, g.businessUnit(),
                                Breakdown.sum(mau ? none.apply(g.mau()) : BigDecimal.valueOf(g.aiUsers()))));
                        case APP -> appsOf(q, unit).forEach(a -> put(members, a.appId(),
                                Breakdown.sum(mau ? none.apply(a.mau()) : BigDecimal.valueOf(a.aiUsers()))));
                        default -> throw new IllegalArgumentException(by.label());
                    }
                    String users = mau ? "MAU" : "AI users";
                    String residual = by == Dimension.UNIT
                            ? "a user active in several units' apps counts once in the group's " + users
                            + " and once in each unit's: the overlap, taken off (and users of apps without a unit)"
                            : "a user active in several apps counts once in the whole's " + users
                            + " and once in each app's: the overlap, taken off";
                    BigDecimal figure = whole == null ? BigDecimal.ZERO
                            : mau ? none.apply(whole.mau()) : BigDecimal.valueOf(whole.aiUsers());
                    return new Answer(Breakdown.ofSum(figure, members, residual),
                            Map.of(Source.QUARK.serviceId(), SourceReport.of(answer)));
                });
    }

    // ---- quark: week-4 retention and the AI lift per unit and app, from the counts behind its shares

    private CompletableFuture<Answer> retention(KpiDefinition kpi, Dimension by, String unit, Period period) {
        String label = period.label();
        boolean lift = kpi == KpiDefinition.AI_LIFT;
        return fetcher.fetch(Source.QUARK, "kpis?period=" + label, () -> quark.kpis(label)).thenApply(answer -> {
            QuarkKpis q = required(Source.QUARK, answer, label);
            QuarkKpis.Group whole = unit == null ? q.overall() : q.businessUnits().stream()
                    .filter(g -> unit.equals(g.businessUnit())).findFirst().orElse(null);
            // The lift is the AI users' week-4 retention less the others': one breakdown of each ratio.
            Map<String, Part> members = new LinkedHashMap<>();
            Map<String, Part> others = new LinkedHashMap<>();
            String residual;
            if (by == Dimension.UNIT) {
                q.businessUnits().forEach(g -> putRetention(members, others, g.businessUnit(), g.retention(), lift));
                residual = "a user first seen in several units' apps is in a cohort of each unit and in one of the "
                        + "group's (and users of apps without a unit are in no unit)";
            } else if (by == Dimension.APP) {
                q.apps().stream().filter(a -> unit == null || unit.equals(a.businessUnit()))
                        .forEach(a -> putRetention(members, others, a.appId(), a.retention(), lift));
                residual = "a user first seen in several apps is in a cohort of each app and in one of the whole's";
            } else {
                throw new IllegalArgumentException(by.label());
            }
            if (!lift) {
                residual += "; apps fed by daily aggregates have their own cohorts but are left out of the units' and "
                        + "the group's";
            }
            QuarkKpis.Retention r = whole == null ? null : whole.retention();
            Breakdown b = lift
                    ? new Breakdown(r == null ? null : r.aiLiftPp(), aiPart(r), members, residual,
                            new Breakdown(r == null ? null : r.nonAiWeek4(), othersPart(r), others, residual))
                    : new Breakdown(r == null ? null : r.week4(), week4Part(r), members, residual);
            return new Answer(b, Map.of(Source.QUARK.serviceId(), SourceReport.of(answer)));
        });
    }

    private static void putRetention(Map<String, Part> members, Map<String, Part> others, String key,
                                     QuarkKpis.Retention r, boolean lift) {
        if (lift) {
            // A scope without users' AI sessions (fed by daily aggregates) has no AI lift, so no part of it.
            if (r != null && r.aiCohortUsers() != null && r.nonAiCohortUsers() != null) {
                put(members, key, aiPart(r));
                put(others, key, othersPart(r));
            }
        } else {
            put(members, key, week4Part(r));
        }
    }

    // toc-week4-retention: the cohorts' users back in week 4 ÷ the cohorts' users
    private static Part week4Part(QuarkKpis.Retention r) {
        return r == null ? Part.NONE : part(r.week4Users(), r.cohortUsers());
    }

    // toc-ai-lift: (AI users back ÷ AI users) − (others back ÷ others), each a ratio of its own cohorts
    private static Part aiPart(QuarkKpis.Retention r) {
        return r == null ? Part.NONE : part(r.aiWeek4Users(), r.aiCohortUsers());
    }

    private static Part othersPart(QuarkKpis.Retention r) {
        return r == null ? Part.NONE : part(r.nonAiWeek4Users(), r.nonAiCohortUsers());
    }

    private static Part part(Long numerator, Long denominator) {
        return new Part(BigDecimal.valueOf(numerator == null ? 0 : numerator),
                BigDecimal.valueOf(denominator == null ? 0 : denominator));
    }

    private static void put(Map<String, Part> members, String key, Part part) {
        if (key != null && !part.isNone()) {
            members.merge(key, part, Part::plus);
        }
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static <T> T required(Source source, Sourced<T> answer, String period) {
        if (!answer.hasData()) {
            throw SourcesUnavailableException.source(source, period, answer.detail() == null ? answer.status().name()
                    : answer.detail());
        }
        return answer.value();
    }
}
