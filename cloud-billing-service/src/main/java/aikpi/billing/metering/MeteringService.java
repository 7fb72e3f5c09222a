package aikpi.billing.metering;

import aikpi.vocabulary.Period;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads metered tokens from tongyi-service. Billing keeps answering when tongyi does not: any failure (refused
 * connection, time-out, an error status, an answer about another period) becomes "unavailable" with the reason.
 */
@Singleton
public class MeteringService {

    private static final Logger LOG = LoggerFactory.getLogger(MeteringService.class);

    private final TongyiUsageClient tongyi;

    public MeteringService(TongyiUsageClient tongyi) {
        this.tongyi = tongyi;
    }

    public MeteredTokens meteredTokens(Period period) {
        String label = period.label();
        try {
            MeteredUsage usage = tongyi.usageSummary(label);
            if (usage == null || usage.rows() == null) {
                return unavailable(label, "tongyi-service answered without a usage summary");
            }
            if (!label.equals(usage.period())) {
                return unavailable(label, "tongyi-service answered for period '" + usage.period() + "', not '" + label + "'");
            }
            return MeteredTokens.of(usage.tokensMetered());
        } catch (HttpClientResponseException e) {
            return unavailable(label, "tongyi-service answered " + e.getStatus().getCode() + ": " + problemDetail(e));
        } catch (HttpClientException e) {
            return unavailable(label, "tongyi-service did not answer: " + e.getMessage());
        } catch (RuntimeException e) {
            // An answer that cannot be read (not JSON, wrong types) is as good as none for reconciliation.
            return unavailable(label, "tongyi-service's answer could not be read: " + e.getMessage());
        }
    }

    /** The detail of tongyi's problem+json answer, or the client's message when there is none. */
    public static String problemDetail(HttpClientResponseException e) {
        return e.getResponse().getBody(TongyiProblem.class)
                .map(p -> p.detail() != null ? p.detail() : p.title())
                .orElse(e.getMessage());
    }

    private static MeteredTokens unavailable(String period, String why) {
        LOG.warn("Metered tokens of {} unavailable: {}", period, why);
        return MeteredTokens.unavailable(why);
    }
}
