package aikpi.gateway.reviews;

import aikpi.gateway.conversion.AiConversionView;
import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.conversion.KpiDefinition.Nature;
import aikpi.gateway.reviews.ReviewCalculator.Actual;
import aikpi.gateway.sources.Source;
import aikpi.gateway.sources.SourceReport;
import aikpi.vocabulary.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fiscal year's figures of the KPIs that need the revenue ledger, which is kept by quarter: from the year's
 * quarters begun so far. A flow is the sum of its quarters. A share is the ratio of the sums over the quarters whose
 * group revenue is reported (the year to date). Distinct paying customers cannot be added up across quarters, so a
 * year has none. Plain Java.
 */
final class FiscalYearBilling {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private FiscalYearBilling() {
    }

    /** @param quarters the executive view of each quarter of the year begun by the review's day, in order */
    static Actual actual(KpiDefinition kpi, List<AiConversionView> quarters) {
        for (AiConversionView q : quarters) {
            Optional<String> missing = ReviewService.missingSource(kpi, q.sources());
            if (missing.isPresent()) {
                return Actual.unknown(missing.get() + " for " + q.period());
            }
        }
        if (kpi == KpiDefinition.PAYING_CUSTOMERS) {
            return Actual.unknown("the ledger counts distinct paying customers by quarter; a fiscal year's cannot be "
                    + "added up from its quarters");
        }
        if (kpi.nature() == Nature.FLOW) {
            return sumOfQuarters(kpi, quarters, AiConversionView::sources, AiConversionView::period,
                    q -> ReviewService.value(q, kpi));
        }
        List<AiConversionView> reported = quarters.stream().filter(q -> q.cloud().groupRevenueCny() != null).toList();
        if (reported.isEmpty() && kpi != KpiDefinition.REVENUE_PER_MILLION_TOKENS) {
            return Actual.undefined("no quarter of the year has its group revenue reported yet");
        }
        BigDecimal group = sum(reported, v -> v.cloud().groupRevenueCny());
        BigDecimal cloud = sum(reported, v -> v.cloud().revenueCny());
        BigDecimal aiCash = sum(reported, v -> v.ai().cashRevenueCny());
        return switch (kpi) {
            case CLOUD_SHARE -> Actual.of(Money.ratio(cloud, group));
            case SHARE_GAP_PP -> {
                BigDecimal share = Money.ratio(cloud, group);
                BigDecimal baseline = reported.get(0).cloud().baselineShare();
                yield Actual.of(share == null || baseline == null ? null
                        : Money.percentagePoints(share.subtract(baseline)));
            }
            case AI_SHARE_OF_CLOUD -> Actual.of(Money.ratio(sum(reported, v -> v.ai().attributedRevenueCny()), cloud));
            case AI_CASH_SHARE_OF_CLOUD -> Actual.of(Money.ratio(aiCash, cloud));
            case SHARE_WITHOUT_AI -> Actual.of(cloud == null || group == null || aiCash == null ? null
                    : Money.ratio(cloud.subtract(aiCash), group.subtract(aiCash)));
            case REVENUE_PER_MILLION_TOKENS -> {
                BigDecimal maas = sum(quarters, v -> v.toB().funnel().maasRevenueCny());
                BigDecimal tokens = sum(quarters, v -> v.toB().funnel().tokens() == null ? null
                        : BigDecimal.valueOf(v.toB().funnel().tokens()));
                yield Actual.of(maas == null || tokens == null || tokens.signum() == 0 ? null
                        : maas.multiply(MILLION).divide(tokens, Money.SCALE, RoundingMode.HALF_UP));
            }
            default -> throw new IllegalArgumentException(kpi.id() + " has no fiscal-year rule");
        };
    }

    /**
     * A flow over a year's quarters: the sum of each quarter's value; unknown when a quarter's source did not answer,
     * undefined when a quarter has no figure.
     */
    static <Q> Actual sumOfQuarters(KpiDefinition kpi, List<Q> quarters, Function<Q, Map<String, SourceReport>> sources,
                                    Function<Q, String> period, Function<Q, BigDecimal> value) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Q q : quarters) {
            Optional<String> missing = ReviewService.missingSource(kpi, sources.apply(q));
            if (missing.isPresent()) {
                return Actual.unknown(missing.get() + " for " + period.apply(q));
            }
            BigDecimal v = value.apply(q);
            if (v == null) {
                return Actual.undefined("no " + kpi.id() + " figure for " + period.apply(q));
            }
            sum = sum.add(v);
        }
        return Actual.of(sum);
    }

    private static BigDecimal sum(List<AiConversionView> quarters, Function<AiConversionView, BigDecimal> figure) {
        BigDecimal sum = BigDecimal.ZERO;
        for (AiConversionView q : quarters) {
            BigDecimal value = figure.apply(q);
            if (value == null) {
                return null;
            }
            sum = sum.add(value);
        }
        return sum;
    }
}
