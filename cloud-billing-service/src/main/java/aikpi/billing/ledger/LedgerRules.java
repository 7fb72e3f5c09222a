package aikpi.billing.ledger;

import aikpi.billing.ledger.LedgerLineValidator.Candidate;
import aikpi.billing.vouchers.Voucher;
import aikpi.platform.problem.ItemError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules a new line must follow against the ledger as it stands: what a correction may correct, and what a
 * voucher may pay. Lines are taken in batch order, so a batch may correct a line it sent earlier and the lines of
 * one batch draw a voucher down one after the other. Plain Java: the store loads the state (under row locks) and
 * applies the outcome.
 *
 * <ul>
 *   <li>A correction names a line stored before or sent earlier in the batch, which is not itself a correction;
 *       it is booked no earlier than that line and has the same customer, customer kind, business unit, product,
 *       funding and voucher. Its amount (and tokens) is the signed difference; the corrected line's amount and
 *       tokens after all its corrections may not go below zero. A line that a FOCUS import brought is not
 *       corrected line by line: its billing period is restated by importing the period again.</li>
 *   <li>A voucher-funded line draws its voucher down by its amount (a negative correction gives balance back).
 *       The voucher must exist and belong to the line's customer; a draw (a positive amount) must be booked
 *       within the voucher's validity, from its issue date through its expiry date, and may not take the drawn
 *       amount above the voucher's amount.</li>
 * </ul>
 */
public final class LedgerRules {

    private LedgerRules() {
    }

    /** A stored line that a new correction names, with its amount and tokens after the corrections stored so far. */
    public record KnownLine(LedgerLine line, BigDecimal effectiveAmountCny, long effectiveTokens) {
    }

    /**
     * What the batch would do: every rule it breaks, or else how much each voucher is drawn down (negative gives
     * balance back), by voucher id.
     */
    public record Outcome(List<ItemError> errors, Map<String, BigDecimal> drawdowns) {
        public boolean accepted() {
            return errors.isEmpty();
        }
    }

    /**
     * @param fresh      the batch's new lines (not stored before), in batch order
     * @param known      stored lines that corrections in {@code fresh} name, by line id
     * @param vouchers   the vouchers that lines in {@code fresh} name, by voucher id
     * @param invalidIds ids of lines of the batch that broke a rule of their own (no follow-up errors for them)
     */
    public static Outcome check(List<Candidate> fresh, Map<String, KnownLine> known, Map<String, Voucher> vouchers,
                                Set<String> invalidIds) {
        LineErrors errors = new LineErrors();
        Map<String, Integer> batchIndex = new HashMap<>();
        for (Candidate c : fresh) {
            batchIndex.put(c.line().lineId(), c.index());
        }
        // Lines that corrections may name, with their running amount and tokens.
        Map<String, Running> lines = new HashMap<>();
        known.forEach((id, k) -> lines.put(id, new Running(k.line(), k.effectiveAmountCny(), k.effectiveTokens())));
        Map<String, BigDecimal> drawn = new TreeMap<>();
        Set<String> failed = new HashSet<>();

        for (Candidate c : fresh) {
            LedgerLine line = c.line();
            int i = c.index();
            String id = line.lineId();
            int before = errors.size();
            Running corrected = null;
            if (line.correctionOf() != null) {
                String target = line.correctionOf();
                if (invalidIds.contains(target) || failed.contains(target)) {
                    continue;
                }
                corrected = lines.get(target);
                if (corrected == null) {
                    Integer later = batchIndex.get(target);
                    errors.add(i, id, "correctionOf", later != null
                            ? "names line '" + target + "', which comes later in this batch (index " + later
                                    + "); send the corrected line first"
                            : "names line '" + target + "', which is not in the ledger");
                    failed.add(id);
                    continue;
                }
                checkCorrection(i, line, corrected, errors);
            }
            if (line.funding() == Funding.VOUCHER) {
                checkVoucher(i, line, vouchers.get(line.voucherId()), drawn, errors);
            }
            if (errors.size() > before) {
                failed.add(id);
                continue;
            }
            if (corrected != null) {
                corrected.amount = corrected.amount.add(line.amountCny());
                corrected.tokens += line.tokenCount();
            } else {
                lines.put(id, new Running(line, line.amountCny(), line.tokenCount()));
            }
            if (line.funding() == Funding.VOUCHER) {
                drawn.merge(line.voucherId(), line.amountCny(), BigDecimal::add);
            }
        }
        return new Outcome(errors.sorted(), errors.isEmpty() ? drawn : Map.of());
    }

    private static void checkCorrection(int i, LedgerLine line, Running corrected, LineErrors errors) {
        LedgerLine target = corrected.line;
        String id = line.lineId();
        if (target.correctionOf() != null) {
            errors.add(i, id, "correctionOf", "names line '" + target.lineId() + "', which is itself a correction of '"
                    + target.correctionOf() + "'; correct the original line");
            return;
        }
        if (target.importId() != null) {
            errors.add(i, id, "correctionOf", "names line '" + target.lineId() + "', which import '" + target.importId()
                    + "' brought from a FOCUS file; restate its billing period by importing the provider's corrected "
                    + "file (POST /api/v1/ledger/imports) instead");
            return;
        }
        List<String> differences = new ArrayList<>();
        differ("customerId", target.customerId(), line.customerId(), differences);
        differ("customerKind", target.customerKind(), line.customerKind(), differences);
        differ("businessUnit", target.businessUnit(), line.businessUnit(), differences);
        differ("product", target.product(), line.product(), differences);
        differ("funding", target.funding(), line.funding(), differences);
        differ("voucherId", target.voucherId(), line.voucherId(), differences);
        differ("currency", target.billedCurrency(), line.billedCurrency(), differences);
        differ("model", target.model(), line.model(), differences);
        if (!differences.isEmpty()) {
            errors.add(i, id, "correctionOf", "a correction has the corrected line's " + String.join(", ", differences));
            return;
        }
        if (line.bookedOn().isBefore(target.bookedOn())) {
            errors.add(i, id, "bookedOn", "a correction cannot be booked (" + line.bookedOn()
                    + ") before the line it corrects (" + target.bookedOn() + ")");
        }
        BigDecimal amountAfter = corrected.amount.add(line.amountCny());
        if (amountAfter.signum() < 0) {
            errors.add(i, id, "amountCny", "would take line '" + target.lineId() + "' from "
                    + corrected.amount.toPlainString() + " to " + amountAfter.toPlainString()
                    + " CNY; a line's amount cannot go below zero");
        }
        long tokensAfter = corrected.tokens + line.tokenCount();
        if (tokensAfter < 0) {
            errors.add(i, id, "tokens", "would take line '" + target.lineId() + "' from " + corrected.tokens + " to "
                    + tokensAfter + " tokens; a line's tokens cannot go below zero");
        }
    }

    private static void differ(String field, Object corrected, Object correction, List<String> differences) {
        if (!Objects.equals(corrected, correction)) {
            differences.add(field + " (" + corrected + ", not " + correction + ")");
        }
    }

    private static void checkVoucher(int i, LedgerLine line, Voucher voucher, Map<String, BigDecimal> drawn,
                                     LineErrors errors) {
        String id = line.lineId();
        if (voucher == null) {
            errors.add(i, id, "voucherId", "no voucher '" + line.voucherId() + "' was issued");
            return;
        }
        if (!voucher.customerId().equals(line.customerId())) {
            errors.add(i, id, "voucherId", "voucher '" + voucher.voucherId() + "' belongs to customer '"
                    + voucher.customerId() + "', not to '" + line.customerId() + "'");
            return;
        }
        BigDecimal amount = line.amountCny();
        if (amount.signum() > 0) {
            if (line.bookedOn().isBefore(voucher.issuedOn())) {
                errors.add(i, id, "voucherId", "voucher '" + voucher.voucherId() + "' is issued on "
                        + voucher.issuedOn() + ", after this line is booked (" + line.bookedOn() + ")");
                return;
            }
            if (line.bookedOn().isAfter(voucher.expiresOn())) {
                errors.add(i, id, "voucherId", "voucher '" + voucher.voucherId() + "' expired on "
                        + voucher.expiresOn() + ", before this line is booked (" + line.bookedOn() + ")");
                return;
            }
        }
        BigDecimal before = voucher.drawnCny().add(drawn.getOrDefault(voucher.voucherId(), BigDecimal.ZERO));
        BigDecimal after = before.add(amount);
        if (after.compareTo(voucher.amountCny()) > 0) {
            errors.add(i, id, "voucherId", "would overdraw voucher '" + voucher.voucherId() + "': "
                    + voucher.amountCny().subtract(before).toPlainString() + " CNY left, this line draws "
                    + amount.toPlainString());
        } else if (after.signum() < 0) {
            errors.add(i, id, "voucherId", "would give voucher '" + voucher.voucherId() + "' back more than was drawn ("
                    + before.toPlainString() + " CNY)");
        }
    }

    /** A line's amount and tokens as the batch is taken line by line. */
    private static final class Running {
        final LedgerLine line;
        BigDecimal amount;
        long tokens;

        Running(LedgerLine line, BigDecimal amount, long tokens) {
            this.line = line;
            this.amount = amount;
            this.tokens = tokens;
        }
    }
}
