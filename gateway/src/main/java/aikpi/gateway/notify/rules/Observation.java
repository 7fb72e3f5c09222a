package aikpi.gateway.notify.rules;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * One fact an evaluation saw for one rule key.
 *
 * @param period  the fiscal quarter, null for a source's availability (not a period's)
 * @param subject the KPI id, the vanity alert id, or the source's service id
 * @param value   what the rule compares (a status, COUNTED, FIRING, DOWN...)
 * @param since   since when the value holds, as far as the evaluation can tell (now, or earlier: a stale answer's
 *                time, the moment a late day fell due)
 * @param figure  the figure beside the value (the KPI's actual, the floor's quality figure), shown before and after
 * @param details what the notice carries besides: the figures of the moment, the dashboard link
 */
public record Observation(Rule rule, String scope, @Nullable String period, String subject, String value,
                          Instant since, @Nullable String figure, Map<String, Object> details) {

    /** The stored row's key: rule, scope, period and subject. */
    public String key() {
        return rule + "|" + scope + "|" + (period == null ? "-" : period) + "|" + subject;
    }
}
