package aikpi.gateway.sources;

import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.billing.BillingOperations;
import aikpi.gateway.sources.billing.DailyRevenue;
import aikpi.gateway.sources.billing.ModelRevenue;
import aikpi.gateway.sources.quark.DailySessions;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.quark.QuarkOperations;
import aikpi.gateway.sources.tongyi.DailyResourceCost;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import aikpi.gateway.sources.tongyi.TongyiOperations;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.gateway.sources.tongyi.UsageSummary;
import aikpi.platform.changes.DataChange;
import aikpi.vocabulary.Period;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Asks the three sources for a period's figures at the same time; each answer arrives within the source timeout. */
@Singleton
public class SourceFanOut {

    /** The pages of one source's changes read at most (of up to 1,000 changes each). */
    public static final int MAX_CHANGE_PAGES = 20;

    private final TongyiOperations tongyi;
    private final QuarkOperations quark;
    private final BillingOperations billing;
    private final SourceFetcher fetcher;

    public SourceFanOut(TongyiOperations tongyi, QuarkOperations quark, BillingOperations billing, SourceFetcher fetcher) {
        this.tongyi = tongyi;
        this.quark = quark;
        this.billing = billing;
        this.fetcher = fetcher;
    }

    /** The three answers for one period, in flight. */
    public record Pending(CompletableFuture<Sourced<TongyiKpis>> tongyi, CompletableFuture<Sourced<QuarkKpis>> quark,
                          CompletableFuture<Sourced<Attribution>> billing,
                          CompletableFuture<Sourced<UnitCosts>> unitCosts,
                          CompletableFuture<Sourced<ModelRevenue>> modelRevenue) {

        public CompletableFuture<Void> all() {
            return SourceCalls.allOf(tongyi, quark, billing, unitCosts, modelRevenue);
        }

        /** Once {@link #all()} completed: the figures, null where a source gave none. */
        public SourceFigures figures() {
            return new SourceFigures(tongyi.join().value(), quark.join().value(), billing.join().value(),
                    unitCosts.join().value(), modelRevenue.join().value());
        }

        public boolean anyData() {
            return tongyi.join().hasData() || quark.join().hasData() || billing.join().hasData();
        }

        public Map<String, SourceReport> reports() {
            Map<String, SourceReport> reports = new LinkedHashMap<>();
            reports.put(Source.TONGYI.serviceId(), SourceReport.of(tongyi.join()));
            reports.put(Source.QUARK.serviceId(), SourceReport.of(quark.join()));
            reports.put(Source.BILLING.serviceId(), SourceReport.of(billing.join()));
            return reports;
        }

        /** Once {@link #all()} completed: each call this period made, as Server-Timing entries named {@code what}. */
        public List<ServerTiming> timings(String what) {
            List<ServerTiming> timings = new ArrayList<>();
            ServerTiming.of(Source.TONGYI, what, tongyi.join()).ifPresent(timings::add);
            ServerTiming.of(Source.QUARK, what, quark.join()).ifPresent(timings::add);
            ServerTiming.of(Source.BILLING, what, billing.join()).ifPresent(timings::add);
            return timings;
        }
    }

    /** Each source's completeness for one period, in flight. */
    public record PendingCompleteness(CompletableFuture<Sourced<Completeness>> tongyi,
                                      CompletableFuture<Sourced<Completeness>> quark,
                                      CompletableFuture<Sourced<Completeness>> billing) {

        public CompletableFuture<Void> all() {
            return SourceCalls.allOf(tongyi, quark, billing);
        }

        /** Once {@link #all()} completed: each source's answer, by service id. */
        public Map<String, Sourced<Completeness>> byService() {
            Map<String, Sourced<Completeness>> answers = new LinkedHashMap<>();
            answers.put(Source.TONGYI.serviceId(), tongyi.join());
            answers.put(Source.QUARK.serviceId(), quark.join());
            answers.put(Source.BILLING.serviceId(), billing.join());
            return answers;
        }

        /** Once {@link #all()} completed: {@code reports}, each with its source's completeness. */
        public Map<String, SourceReport> applyTo(Map<String, SourceReport> reports) {
            Map<String, SourceReport> with = new LinkedHashMap<>(reports);
            with.computeIfPresent(Source.TONGYI.serviceId(), (id, r) -> r.with(tongyi.join()));
            with.computeIfPresent(Source.QUARK.serviceId(), (id, r) -> r.with(quark.join()));
            with.computeIfPresent(Source.BILLING.serviceId(), (id, r) -> r.with(billing.join()));
            return with;
        }

        /**
         * A period's figures are provisional until every source says the period is final: a source that is not, that
         * could not say, or whose figures are missing leaves them provisional.
         */
        public static boolean provisional(Map<String, SourceReport> reports) {
            return reports.size() < Source.values().length
                    || reports.values().stream().anyMatch(SourceReport::provisional);
        }
    }

    /** How complete each source's data is for the period (any period: each source answers by its own rule). */
    /**
     * Everything {@code source} received after the data version {@code since} that touches {@code period}, every page
     * of it up to {@link #MAX_CHANGE_PAGES} pages; each page is one call under the gateway's rules.
     */
    public CompletableFuture<Sourced<ChangeList>> changes(Source source, Period period, String since) {
        return changePage(source, period.label(), since, null, new ArrayList<>(), 1);
    }

    private CompletableFuture<Sourced<ChangeList>> changePage(Source source, String period, String since,
                                                              String cursor, List<DataChange> read, int page) {
        String key = "changes?period=" + period + "&since=" + since + (cursor == null ? "" : "&cursor=" + cursor);
        return fetcher.fetch(source, key, () -> changesCall(source, period, since, cursor).thenApply(ChangeList.Page::of))
                .thenCompose(answer -> {
                    if (!answer.hasData()) {
                        return CompletableFuture.completedFuture(new Sourced<ChangeList>(null, answer.status(),
                                answer.asOf(), answer.detail()));
                    }
                    read.addAll(answer.value().items());
                    String next = answer.value().nextCursor();
                    if (next == null || page >= MAX_CHANGE_PAGES) {
                        return CompletableFuture.completedFuture(new Sourced<>(new ChangeList(List.copyOf(read),
                                next != null), answer.status(), answer.asOf(), answer.detail()));
                    }
                    return changePage(source, period, since, next, read, page + 1);
                });
    }

    private CompletableFuture<HttpResponse<List<DataChange>>> changesCall(Source source, String period, String since,
                                                                          String cursor) {
        return switch (source) {
            case TONGYI -> tongyi.changes(period, since, cursor);
            case QUARK -> quark.changes(period, since, cursor);
            case BILLING -> billing.changes(period, since, cursor);
        };
    }

    public PendingCompleteness completeness(Period period) {
        String key = "completeness?period=" + period.label();
        String label = period.label();
        return new PendingCompleteness(
                fetcher.fetch(Source.TONGYI, key, () -> tongyi.completeness(label)),
                fetcher.fetch(Source.QUARK, key, () -> quark.completeness(label)),
                fetcher.fetch(Source.BILLING, key, () -> billing.completeness(label)));
    }

    public Pending kpis(Period period) {
        String label = period.label();
        return new Pending(
                fetcher.fetch(Source.TONGYI, "kpis?period=" + label, () -> tongyi.kpis(label)),
                fetcher.fetch(Source.QUARK, "kpis?period=" + label, () -> quark.kpis(label)),
                attribution(period), unitCosts(period), modelRevenue(period));
    }

    public CompletableFuture<Sourced<Attribution>> attribution(Period period) {
        if (!period.isQuarter()) {
            return CompletableFuture.completedFuture(
                    Sourced.notApplicable("the revenue ledger is reported by quarter; ask for a quarter"));
        }
        String quarter = period.asCalendarQuarter().label();
        return fetcher.fetch(Source.BILLING, "attribution?period=" + quarter, () -> billing.attribution(quarter));
    }

    public CompletableFuture<Sourced<UsageSummary>> tokensByBusinessUnit(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.TONGYI, "usage/summary?groupBy=businessUnit&period=" + label,
                () -> tongyi.usageByBusinessUnit(label));
    }

    /** Each business unit's tokens priced at each model's inference cost per token. */
    public CompletableFuture<Sourced<UnitCosts>> unitCosts(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.TONGYI, "resources/unit-costs?period=" + label, () -> tongyi.unitCosts(label));
    }

    /** MaaS revenue and billed tokens per model named on the ledger's lines (any period: it reads the lines). */
    public CompletableFuture<Sourced<ModelRevenue>> modelRevenue(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.BILLING, "ledger/summary?groupBy=model&period=" + label,
                () -> billing.maasRevenueByModel(label));
    }

    /** Tokens metered per day of the period. */
    public CompletableFuture<Sourced<UsageSummary>> tokensByDay(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.TONGYI, "usage/summary?groupBy=day&period=" + label, () -> tongyi.usageByDay(label));
    }

    /** Ledger revenue per booking day and business unit of the period. */
    public CompletableFuture<Sourced<DailyRevenue>> revenueByDay(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.BILLING, "ledger/daily?period=" + label, () -> billing.dailyRevenue(label));
    }

    /** GPU resource cost per day of the period. */
    public CompletableFuture<Sourced<DailyResourceCost>> resourceCostByDay(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.TONGYI, "resources/daily?period=" + label, () -> tongyi.resourceCostByDay(label));
    }

    /** AI session counts per day and business unit of the period. */
    public CompletableFuture<Sourced<DailySessions>> dailySessions(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.QUARK, "kpis/daily?period=" + label, () -> quark.dailySessions(label));
    }

    public CompletableFuture<Sourced<QuarkKpis>> quarkKpis(Period period) {
        String label = period.label();
        return fetcher.fetch(Source.QUARK, "kpis?period=" + label, () -> quark.kpis(label));
    }
}
