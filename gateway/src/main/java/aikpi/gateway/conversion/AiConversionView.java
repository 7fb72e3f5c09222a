package aikpi.gateway.conversion;

import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.sources.billing.Attribution;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The executive view of one period: is AI turning into users, usage and cloud revenue, and is it moving cloud's
 * share of group revenue away from 11%? Every amount is in CNY; {@code cloud.ledgerCurrencies} says in which
 * currencies the period's ledger revenue was billed and their shares, {@code cloud.fxRates} the dated rates that
 * converted it. Figures a source could not give are null; {@code sources} says why, and how
 * complete each source's data is for the period. {@code provisional}: the figures may still change, until all three
 * sources say the period is final.
 */
@Serdeable
public record AiConversionView(
        String period,
        LocalDate from,
        LocalDate to,
        String previousPeriod,
        boolean complete,
        boolean stale,
        boolean provisional,
        Map<String, SourceReport> sources,
        Cloud cloud,
        Ai ai,
        ToB toB,
        ToC toC,
        List<VanityAlert> alerts,
        List<Kpi> kpis) {

    @Serdeable
    public record Cloud(@Nullable BigDecimal revenueCny, @Nullable BigDecimal groupRevenueCny, @Nullable BigDecimal share,
                        @Nullable BigDecimal baselineShare, @Nullable BigDecimal gapPp,
                        @Nullable BigDecimal shareWithoutAi, List<Attribution.CurrencyFigures> ledgerCurrencies,
                        List<Attribution.RateUsed> fxRates) {
    }

    @Serdeable
    public record Ai(@Nullable BigDecimal attributedRevenueCny, @Nullable BigDecimal cashRevenueCny,
                     @Nullable BigDecimal voucherRevenueCny, @Nullable BigDecimal shareOfCloud,
                     @Nullable BigDecimal cashShareOfCloud, @Nullable BigDecimal resourceCostCny,
                     @Nullable BigDecimal marginCny, @Nullable Boolean breakevenReached) {
    }

    /**
     * {@code marginPerMillionTokensCny}: the group's margin-per-million-tokens (every model family together);
     * {@code modelFamilies}: each family's, so that the families that earn and those that burn can be told apart.
     */
    @Serdeable
    public record ToB(ToBFunnel funnel, @Nullable BigDecimal revenuePerMillionTokensCny, Influence influence,
                      @Nullable BigDecimal marginPerMillionTokensCny, List<FamilyMargin> modelFamilies) {
    }

    /**
     * A model family's MaaS revenue per million billed tokens, its inference cost per million metered tokens, and the
     * difference (margin-per-million-tokens); each per-million figure null when its side has no tokens. {@code models}
     * are the family's models billed or metered in the period.
     */
    @Serdeable
    public record FamilyMargin(String family, List<String> models, BigDecimal maasRevenueCny, BigInteger billedTokens,
                               @Nullable BigDecimal revenuePerMillionTokensCny, BigDecimal inferenceCostCny,
                               BigInteger meteredTokens, @Nullable BigDecimal costPerMillionTokensCny,
                               @Nullable BigDecimal marginPerMillionTokensCny) {
    }

    /** derivative models → customers onboarded → customers with usage → paying customers → tokens → MaaS revenue. */
    @Serdeable
    public record ToBFunnel(@Nullable Long derivativeModels, @Nullable Long customersOnboarded,
                            @Nullable Long customersWithUsage, @Nullable Long payingCustomers, @Nullable Long tokens,
                            @Nullable BigDecimal maasRevenueCny) {
    }

    @Serdeable
    public record Influence(@Nullable Long downloads, @Nullable Long likes, @Nullable Long derivatives) {
    }

    /**
     * The consumer apps: the funnel, the quality beside it, whether the period's new users stay (and AI users more
     * than the others), and each app's AI users beside its AI lift.
     */
    @Serdeable
    public record ToC(ToCFunnel funnel, @Nullable BigDecimal stickiness, @Nullable BigDecimal resolutionRate,
                      @Nullable BigDecimal turnsPerResolved, @Nullable BigDecimal avgRating,
                      @Nullable BigDecimal conversionRate, @Nullable Retention retention, List<AppFigures> apps) {
    }

    /**
     * Week-1 and week-4 retention of the weekly cohorts that completed week 4 in the period; week 4 of their AI users
     * (an AI session in their first week) and of the others; the AI lift between the two, in percentage points.
     */
    @Serdeable
    public record Retention(int cohorts, long cohortUsers, @Nullable BigDecimal week1, @Nullable BigDecimal week4,
                            @Nullable BigDecimal aiWeek4, @Nullable BigDecimal nonAiWeek4,
                            @Nullable BigDecimal aiLiftPp, boolean estimate) {
    }

    /** One consumer app: its AI users beside whether its AI users stay more than the others. */
    @Serdeable
    public record AppFigures(String appId, String name, String businessUnit, long aiUsers,
                             @Nullable BigDecimal week4Retention, @Nullable BigDecimal aiLiftPp) {
    }

    /** MAU → AI users → AI sessions → resolved sessions → conversions. */
    @Serdeable
    public record ToCFunnel(@Nullable BigDecimal mau, @Nullable Long aiUsers, @Nullable Long aiSessions,
                            @Nullable Long resolvedSessions, @Nullable Long conversions) {
    }

    /** One figure with its definition, as the design names it. */
    @Serdeable
    public record Kpi(String id, @Nullable BigDecimal value, String unit, String definition, String period,
                      List<String> sources) {
    }
}
