package aikpi.tongyi.kpis;

import aikpi.tongyi.customers.CustomerKind;
import aikpi.tongyi.hubstats.Influence;
import aikpi.tongyi.hubstats.Platform;
import aikpi.tongyi.resources.Purpose;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** What the model team is judged on in one period, with each volume figure beside a quality figure. */
@Serdeable
public record TongyiKpis(
        String period,
        LocalDate from,
        LocalDate to,
        String zone,
        ModelReleases models,
        InfluenceFigures influence,
        CustomerFigures customers,
        TokenFigures tokens,
        ResourceFigures resources,
        Quality quality) {

    /** Own models released in the period and how many of them are open; every vendor apart. */
    @Serdeable
    public record ModelReleases(long released, long openSourced, Map<String, VendorReleases> byVendor) {
    }

    @Serdeable
    public record VendorReleases(long released, long openSourced) {
    }

    @Serdeable
    public record InfluenceFigures(Influence gained, Influence cumulative, Map<Platform, Influence> gainedByPlatform,
                                   Map<Platform, Influence> cumulativeByPlatform) {
    }

    @Serdeable
    public record CustomerFigures(long onboarded, long total, long active, Map<CustomerKind, KindFigures> byKind) {
    }

    /** Customers of one kind: onboarded in the period, total at its end, active (with usage) in it. */
    @Serdeable
    public record KindFigures(long onboarded, long total, long active) {
    }

    @Serdeable
    public record TokenFigures(long events, long inputTokens, long outputTokens, long totalTokens) {
    }

    @Serdeable
    public record ResourceFigures(BigDecimal gpuHours, BigDecimal costCny, Map<Purpose, PurposeFigures> byPurpose) {
    }

    @Serdeable
    public record PurposeFigures(BigDecimal gpuHours, BigDecimal costCny) {
    }

    /**
     * Quality beside volume: the share of customers who actually used the models, derivatives made per thousand
     * downloads (a download nobody builds on is not influence), and the inference cost of a million tokens.
     */
    @Serdeable
    public record Quality(@Nullable BigDecimal activeCustomerRate, @Nullable BigDecimal derivativesPerThousandDownloads,
                          @Nullable BigDecimal inferenceCostPerMillionTokensCny) {
    }
}
