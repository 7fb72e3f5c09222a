package aikpi.gateway.sources.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * The part of cloud-billing-service's {@code GET /api/v1/ledger/paying-customers} the gateway reads: the customers
 * whose cash lines of the period add up to more than zero, in all and by customer kind.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record PayingCustomers(String period, long payingCustomers, Map<String, Long> byKind) {
}
