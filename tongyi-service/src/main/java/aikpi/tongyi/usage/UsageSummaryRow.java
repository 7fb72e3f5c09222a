package aikpi.tongyi.usage;

import io.micronaut.serde.annotation.Serdeable;

/** One row of a usage summary: a customer, model, customer kind or day, and its metered totals. */
@Serdeable
public record UsageSummaryRow(String key, long events, long inputTokens, long outputTokens, long totalTokens) {

    static UsageSummaryRow of(String key, long events, long inputTokens, long outputTokens) {
        return new UsageSummaryRow(key, events, inputTokens, outputTokens, inputTokens + outputTokens);
    }
}
