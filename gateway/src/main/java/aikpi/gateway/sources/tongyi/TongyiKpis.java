package aikpi.gateway.sources.tongyi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.Map;

/** The part of tongyi-service's {@code GET /api/v1/kpis} the gateway reads. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record TongyiKpis(String period, Influence influence, Customers customers, Tokens tokens, Resources resources) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Influence(Counters gained, Counters cumulative) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counters(long downloads, long likes, Derivatives derivatives) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Derivatives(long finetune, long quantized, long adapter, long merge) {
        public long total() {
            return finetune + quantized + adapter + merge;
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customers(long onboarded, long total, long active, @Nullable Map<String, KindFigures> byKind) {

        public Customers(long onboarded, long total, long active) {
            this(onboarded, total, active, null);
        }
    }

    /** Customers of one kind (EXTERNAL, INTERNAL, INVESTEE): onboarded by the period's end, with metered usage in it. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KindFigures(long total, long active) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tokens(long totalTokens) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resources(@Nullable BigDecimal costCny) {
    }
}
