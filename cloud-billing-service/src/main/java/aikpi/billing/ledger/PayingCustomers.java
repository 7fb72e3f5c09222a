package aikpi.billing.ledger;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * to-b-funnel (paying customers): distinct customers whose cash lines of the period add up to more than zero, in all
 * and by customer kind. A customer has one kind, so the kinds add up to the whole. Plain Java.
 *
 * @param byKind every kind, zero where none paid
 */
@Serdeable
public record PayingCustomers(String period, LocalDate from, LocalDate to, long payingCustomers,
                              Map<CustomerKind, Long> byKind) {

    /** The customers paying cash in the amounts, by kind. */
    public static Map<CustomerKind, Long> byKind(Collection<LedgerAmount> amounts) {
        Map<String, BigDecimal> cash = new HashMap<>();
        Map<String, CustomerKind> kinds = new HashMap<>();
        for (LedgerAmount a : amounts) {
            if (a.funding() == Funding.CASH) {
                cash.merge(a.customerId(), a.amountCny(), BigDecimal::add);
                kinds.put(a.customerId(), a.customerKind());
            }
        }
        Map<CustomerKind, Long> byKind = new EnumMap<>(CustomerKind.class);
        for (CustomerKind kind : CustomerKind.values()) {
            byKind.put(kind, 0L);
        }
        cash.forEach((customer, sum) -> {
            if (sum.signum() > 0) {
                byKind.merge(kinds.get(customer), 1L, Long::sum);
            }
        });
        return byKind;
    }

    /** How many customers pay cash in the amounts. */
    public static long count(Collection<LedgerAmount> amounts) {
        return byKind(amounts).values().stream().mapToLong(Long::longValue).sum();
    }
}
