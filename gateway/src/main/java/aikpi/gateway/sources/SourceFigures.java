package aikpi.gateway.sources;

import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import io.micronaut.core.annotation.Nullable;

/** What the three sources said about one period; a source that could not answer is null. */
public record SourceFigures(@Nullable TongyiKpis tongyi, @Nullable QuarkKpis quark, @Nullable Attribution billing) {

    public static final SourceFigures NONE = new SourceFigures(null, null, null);
}
