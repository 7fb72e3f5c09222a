package aikpi.gateway;

import aikpi.gateway.sources.Completeness;
import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.billing.DailyRevenue;
import aikpi.gateway.sources.billing.ModelRevenue;
import aikpi.gateway.sources.quark.DailySessions;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.tongyi.DailyResourceCost;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.gateway.sources.tongyi.UsageSummary;
import aikpi.platform.changes.DataChange;
import io.micronaut.http.HttpResponse;
import java.math.BigDecimal;
import java.math.BigInteger;
import aikpi.vocabulary.Period;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mockito.stubbing.Answer;

/** Hand-made source answers for tests. */
public final class Figures {

    private Figures() {
    }

    public static TongyiKpis tongyi(long downloadsGained, long derivativesGained, long derivativesCumulative,
                                    long onboarded, long active, long tokens, String costCny) {
        return new TongyiKpis("p",
                new TongyiKpis.Influence(
                        new TongyiKpis.Counters(downloadsGained, downloadsGained / 10,
                                new TongyiKpis.Derivatives(derivativesGained, 0, 0, 0)),
                        new TongyiKpis.Counters(downloadsGained * 3, downloadsGained / 3,
                                new TongyiKpis.Derivatives(derivativesCumulative, 0, 0, 0))),
                new TongyiKpis.Customers(onboarded / 4, onboarded, active),
                new TongyiKpis.Tokens(tokens),
                new TongyiKpis.Resources(costCny == null ? null : new BigDecimal(costCny)));
    }

    public static QuarkKpis.Group group(String unit, long aiFeatures, long sessions, long turns, String resolutionRate,
                                        long resolved, long conversions, String conversionRate) {
        return new QuarkKpis.Group(unit, new BigDecimal("1000.000000"), new BigDecimal("0.250000"), sessions / 2,
                aiFeatures, new QuarkKpis.Volume(sessions, turns, sessions / 3),
                new QuarkKpis.Quality(dec(resolutionRate), resolved, resolved == 0 ? null
                        : BigDecimal.valueOf(turns).divide(BigDecimal.valueOf(resolved), 6, java.math.RoundingMode.HALF_UP),
                        new BigDecimal("4.100000"), conversions, dec(conversionRate)), null);
    }

    /** The group with a retention summary: week-4 retention and the AI lift (the other shares follow from them). */
    public static QuarkKpis.Group withRetention(QuarkKpis.Group g, String week4, String aiLiftPp) {
        return new QuarkKpis.Group(g.businessUnit(), g.mau(), g.stickiness(), g.aiUsers(), g.aiFeatures(), g.volume(),
                g.quality(), new QuarkKpis.Retention(6, 1200, new BigDecimal("0.400000"), dec(week4),
                        new BigDecimal("0.300000"), new BigDecimal("0.250000"), dec(aiLiftPp), false, null, null, null, null,
                        null));
    }

    public static QuarkKpis quark(QuarkKpis.Group overall, QuarkKpis.Group... units) {
        return new QuarkKpis("p", List.of(), List.of(units), overall);
    }

    public static Attribution billing(String group, String cloud, String share, String ai, String aiCash,
                                      String aiVoucher, String maas, String perMillion, long paying,
                                      List<Attribution.BusinessUnitSpend> units) {
        return new Attribution("p", group != null, dec(group), dec(cloud), dec(share), new BigDecimal("0.11"),
                share == null ? null : new BigDecimal(share).subtract(new BigDecimal("0.11")).movePointRight(2)
                        .setScale(2, java.math.RoundingMode.HALF_UP),
                new BigDecimal(ai), new BigDecimal(aiCash), new BigDecimal(aiVoucher), null, null, null, units, paying,
                new Attribution.Reconciliation(perMillion == null ? "UNAVAILABLE" : "OK", BigInteger.ZERO, null, new BigDecimal(maas),
                        dec(perMillion)), null, null);
    }

    public static UsageSummary tokens(Object... keyAndTokens) {
        List<UsageSummary.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < keyAndTokens.length; i += 2) {
            rows.add(new UsageSummary.Row((String) keyAndTokens[i], ((Number) keyAndTokens[i + 1]).longValue()));
        }
        return new UsageSummary("p", rows);
    }

    private static BigDecimal dec(String v) {
        return v == null ? null : new BigDecimal(v);
    }

    /** The data version every double's completeness answer gives. */
    public static final String DATA_VERSION = "2026-01-01T00:00:00Z";

    /**
     * A double's answer to {@code completeness(period)}: every period is final. Nothing for the blank that
     * {@code anyString()} passes while a test stubs the call again.
     */
    public static final Answer<CompletableFuture<Completeness>> EVERY_PERIOD_FINAL = call -> {
        String period = call.getArgument(0);
        return period == null || period.isBlank() ? null : finalAnswer(period);
    };

    /** A source's answer that {@code period} is final: its data complete through its last day. */
    public static CompletableFuture<Completeness> finalAnswer(String period) {
        return CompletableFuture.completedFuture(new Completeness(period, Period.parse(period).lastDay(), true,
                DATA_VERSION));
    }

    /** A source's answer that {@code period} is complete through {@code dataThrough} only (null: not its first day). */
    public static CompletableFuture<Completeness> notFinal(String period, String dataThrough) {
        return CompletableFuture.completedFuture(new Completeness(period,
                dataThrough == null ? null : java.time.LocalDate.parse(dataThrough), false, DATA_VERSION));
    }

    /** A source's answer to {@code changes(...)}: nothing received since the data version. */
    /** A source's daily series with no day in it, for any period. */
    public static final Answer<CompletableFuture<DailySessions>> NO_DAYS_OF_SESSIONS =
            call -> CompletableFuture.completedFuture(new DailySessions(call.getArgument(0), List.of()));
    public static final Answer<CompletableFuture<UsageSummary>> NO_DAYS_OF_TOKENS =
            call -> CompletableFuture.completedFuture(new UsageSummary(call.getArgument(0), List.of()));
    public static final Answer<CompletableFuture<DailyRevenue>> NO_DAYS_OF_REVENUE =
            call -> CompletableFuture.completedFuture(new DailyRevenue(call.getArgument(0), List.of()));
    public static final Answer<CompletableFuture<DailyResourceCost>> NO_DAYS_OF_RESOURCE_COST =
            call -> CompletableFuture.completedFuture(new DailyResourceCost(call.getArgument(0), List.of()));

    /** tongyi's pricing of the units' tokens with no unit in it, for any period. */
    public static final Answer<CompletableFuture<UnitCosts>> NO_UNIT_COSTS =
            call -> CompletableFuture.completedFuture(new UnitCosts(call.getArgument(0), List.of()));

    /** billing's MaaS revenue per model with no model named, for any period. */
    public static final Answer<CompletableFuture<ModelRevenue>> NO_MODEL_REVENUE =
            call -> CompletableFuture.completedFuture(new ModelRevenue(call.getArgument(0), List.of()));

    public static final CompletableFuture<HttpResponse<List<DataChange>>> NO_CHANGES =
            CompletableFuture.completedFuture(HttpResponse.ok(List.of()));

    /** A source's answer to {@code changes(...)}: these changes, on one page. */
    public static CompletableFuture<HttpResponse<List<DataChange>>> changes(DataChange... changes) {
        return CompletableFuture.completedFuture(HttpResponse.ok(List.of(changes)));
    }
}
