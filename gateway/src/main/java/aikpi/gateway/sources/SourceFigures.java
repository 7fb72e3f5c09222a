package aikpi.gateway.sources;

import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.billing.ModelRevenue;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import aikpi.gateway.sources.tongyi.UnitCosts;
import io.micronaut.core.annotation.Nullable;

/**
 * What the three sources said about one period; a source that could not answer is null. {@code unitCosts} is
 * tongyi's pricing of the business units' tokens and each model's inference cost, {@code modelRevenue} billing's
 * MaaS revenue per model (each null when not read).
 */
public record SourceFigures(@Nullable TongyiKpis tongyi, @Nullable QuarkKpis quark, @Nullable Attribution billing,
                            @Nullable UnitCosts unitCosts, @Nullable ModelRevenue modelRevenue) {

    public static final SourceFigures NONE = new SourceFigures(null, null, null, null, null);

    public SourceFigures(@Nullable TongyiKpis tongyi, @Nullable QuarkKpis quark, @Nullable Attribution billing,
                         @Nullable UnitCosts unitCosts) {
        this(tongyi, quark, billing, unitCosts, null);
    }

    public SourceFigures(@Nullable TongyiKpis tongyi, @Nullable QuarkKpis quark, @Nullable Attribution billing) {
        this(tongyi, quark, billing, null);
    }
}
