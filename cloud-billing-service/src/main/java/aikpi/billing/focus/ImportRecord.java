package aikpi.billing.focus;

import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.vocabulary.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What one FOCUS import brought, as {@code POST /api/v1/ledger/imports} answers it and the import listing shows it.
 *
 * @param importId          the import's id
 * @param sha256            the SHA-256 of the file as received (after any {@code Content-Encoding} is undone)
 * @param bytes             the file's size, bytes
 * @param focusVersion      the FOCUS version its columns indicate (1.0, 1.1 or 1.2)
 * @param rows              data rows read (the header not counted)
 * @param lines             ledger lines booked
 * @param skipped           rows that are not revenue, by reason
 * @param corrections       rows with {@code ChargeClass = Correction}, booked as corrections in their billing period
 * @param credits           {@code Credit} rows (revenue moved from cash to vouchers)
 * @param billingAccounts   the billing accounts of the file
 * @param billingPeriods    the billing periods of the file, as {@code 2024-10} (UTC months of BillingPeriodStart)
 * @param units             per billing account and period: rows, lines, total, and the import that restated it
 * @param revenueBilledCost the exact sum of the revenue rows' BilledCost (Usage, Purchase, Adjustment)
 * @param creditBilledCost  the exact sum of the Credit rows' BilledCost
 * @param ledgerTotalCny    what the ledger booked: cash plus voucher, each line rounded to the fen (half-even)
 * @param sentBy            who sent the file (the token's subject)
 * @param receivedAt        when
 * @param supersededBy      the later import that restated every unit of this one, or null
 * @param replaced          the earlier imports whose units this import restated (on the answer to the import)
 * @param unchanged         true when the very same file had been imported and nothing changed
 */
@Serdeable
public record ImportRecord(String importId, String sha256, long bytes, String focusVersion, long rows, long lines,
                           Skipped skipped, long corrections, long credits, List<String> billingAccounts,
                           List<String> billingPeriods, List<UnitRecord> units, BigDecimal revenueBilledCost,
                           BigDecimal creditBilledCost, BigDecimal ledgerTotalCny, String sentBy, Instant receivedAt,
                           @Nullable String supersededBy, List<String> replaced, boolean unchanged)
        implements AuditedResult {

    /** The file's rows: all acknowledged as seen before when it changed nothing, else all taken. */
    @Override
    public AuditCounts auditCounts() {
        if (unchanged) {
            return new AuditCounts(rows, 0L, rows, "UNCHANGED");
        }
        return new AuditCounts(rows, rows, 0L, replaced.isEmpty() ? "IMPORTED" : "RESTATED");
    }

    /** Rows that are not revenue: taxes, and rows of zero cost that carry no tokens. */
    @Serdeable
    public record Skipped(long tax, long zeroCost) {
    }

    /**
     * One unit of replacement of the import: {@code restated} names the earlier import of the unit this one replaced
     * (its month still open), {@code late} says the unit's month was already final when this first import of it came,
     * {@code correction} that it held only corrections of a final month, booked in the open period.
     */
    @Serdeable
    public record UnitRecord(String billingAccountId, Instant billingPeriodStart, String customerId, long rows,
                             long lines, BigDecimal ledgerTotalCny, @Nullable String supersededBy,
                             @Nullable String restated, boolean late, boolean correction) {
    }

    /** The stored head of an import, completed with its units by {@link #build}. */
    record Builder(String importId, String sha256, long bytes, String focusVersion, long rows, long lines, long tax,
                   long zeroCost, long corrections, long credits, BigDecimal revenueBilled, BigDecimal creditBilled,
                   BigDecimal ledgerTotal, String sentBy, Instant receivedAt, String supersededBy) {

        ImportRecord build(List<UnitRecord> units, List<String> replaced, boolean unchanged) {
            List<String> accounts = units.stream().map(UnitRecord::billingAccountId).distinct().toList();
            List<String> periods = units.stream()
                    .map(u -> u.billingPeriodStart().atOffset(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7))
                    .distinct().sorted().toList();
            return new ImportRecord(importId, sha256, bytes, focusVersion, rows, lines, new Skipped(tax, zeroCost),
                    corrections, credits, accounts, periods, units, Money.plain(revenueBilled),
                    Money.plain(creditBilled), ledgerTotal, sentBy, receivedAt, supersededBy, replaced, unchanged);
        }
    }
}
