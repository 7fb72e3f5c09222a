package aikpi.gateway.conversion;

import aikpi.gateway.sources.SourceReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.Map;

/** A quarter's headline figures, for the trend: cloud share against the baseline, AI revenue by funding, usage. */
@Serdeable
public record TrendPoint(
        String period,
        String fiscalPeriod,
        boolean complete,
        @Nullable BigDecimal cloudShare,
        @Nullable BigDecimal baselineShare,
        @Nullable BigDecimal gapPp,
        @Nullable BigDecimal shareWithoutAi,
        @Nullable BigDecimal aiRevenueCny,
        @Nullable BigDecimal aiCashRevenueCny,
        @Nullable BigDecimal aiVoucherRevenueCny,
        @Nullable BigDecimal aiMarginCny,
        @Nullable Long tokens,
        @Nullable BigDecimal mau,
        @Nullable Long aiSessions,
        @Nullable BigDecimal resolutionRate,
        Map<String, SourceReport> sources) {

    static TrendPoint of(AiConversionView v, String fiscalPeriod) {
        return new TrendPoint(v.period(), fiscalPeriod, v.complete(), v.cloud().share(), v.cloud().baselineShare(),
                v.cloud().gapPp(), v.cloud().shareWithoutAi(), v.ai().attributedRevenueCny(), v.ai().cashRevenueCny(),
                v.ai().voucherRevenueCny(), v.ai().marginCny(), v.toB().funnel().tokens(), v.toC().funnel().mau(),
                v.toC().funnel().aiSessions(), v.toC().resolutionRate(), v.sources());
    }
}
