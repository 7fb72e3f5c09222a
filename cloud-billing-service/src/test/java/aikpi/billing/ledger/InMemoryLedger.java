package aikpi.billing.ledger;

import aikpi.billing.ledger.LedgerLineValidator.Candidate;
import aikpi.billing.ledger.LedgerRules.KnownLine;
import aikpi.billing.ledger.LedgerRules.Outcome;
import aikpi.billing.vouchers.Voucher;
import aikpi.billing.vouchers.VoucherHolderKind;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ledger held in memory for unit tests: batches go through the real {@link LedgerRules} exactly as the store
 * feeds them (stored lines are duplicates; corrected lines come with their amount after stored corrections), and an
 * accepted batch is kept and draws its vouchers down. Hand-computed ledgers are built with it.
 */
public final class InMemoryLedger {

    private final Map<String, LedgerLine> lines = new LinkedHashMap<>();
    private final Map<String, Voucher> vouchers = new HashMap<>();

    public InMemoryLedger voucher(String id, String customer, String amount, String issuedOn, String expiresOn) {
        vouchers.put(id, new Voucher(id, customer, VoucherHolderKind.INVESTEE, Money.cny(amount), Money.cny("0"),
                LocalDate.parse(issuedOn), LocalDate.parse(expiresOn), Instant.EPOCH));
        return this;
    }

    public BigDecimal drawn(String voucherId) {
        return vouchers.get(voucherId).drawnCny();
    }

    /** Posts a batch; answers the rules' outcome (the batch is kept only when it is accepted). */
    public Outcome post(LedgerLine... batch) {
        List<Candidate> fresh = new ArrayList<>();
        for (int i = 0; i < batch.length; i++) {
            if (!lines.containsKey(batch[i].lineId())) {
                fresh.add(new Candidate(i, batch[i]));
            }
        }
        Map<String, KnownLine> known = new HashMap<>();
        for (Candidate c : fresh) {
            String target = c.line().correctionOf();
            if (target != null && lines.containsKey(target)) {
                known.put(target, known(target));
            }
        }
        Outcome outcome = LedgerRules.check(fresh, known, Map.copyOf(vouchers), Set.of());
        if (outcome.accepted()) {
            fresh.forEach(c -> lines.put(c.line().lineId(), c.line()));
            outcome.drawdowns().forEach((id, delta) -> {
                Voucher v = vouchers.get(id);
                vouchers.put(id, new Voucher(id, v.customerId(), v.customerKind(), v.amountCny(),
                        v.drawnCny().add(delta), v.issuedOn(), v.expiresOn(), v.updatedAt()));
            });
        }
        return outcome;
    }

    private KnownLine known(String id) {
        LedgerLine line = lines.get(id);
        BigDecimal amount = line.amountCny();
        long tokens = line.tokenCount();
        for (LedgerLine l : lines.values()) {
            if (id.equals(l.correctionOf())) {
                amount = amount.add(l.amountCny());
                tokens += l.tokenCount();
            }
        }
        return new KnownLine(line, amount, tokens);
    }

    /** The ledger's amounts booked in a period, one per line, as the attribution reads them. */
    public List<LedgerAmount> amountsIn(Period period) {
        return lines.values().stream().filter(l -> period.contains(l.bookedOn()))
                .map(l -> new LedgerAmount(l.customerId(), l.customerKind(), l.businessUnit(), l.product(), l.funding(),
                        l.amountCny(), BigInteger.valueOf(l.tokenCount())))
                .toList();
    }

    // Line builders for tests.

    public static LedgerLine cash(String id, String customer, CustomerKind kind, Product product, String amount,
                                  String bookedOn) {
        return new LedgerLine(id, customer, kind, kind == CustomerKind.INTERNAL ? customer : null,
                LocalDate.parse(bookedOn), product, Money.cny(amount), Funding.CASH, null,
                product == Product.MAAS_TOKENS ? 0L : null, null, null, null);
    }

    public static LedgerLine voucherLine(String id, String customer, Product product, String amount, String bookedOn,
                                         String voucherId) {
        return new LedgerLine(id, customer, CustomerKind.INVESTEE, null, LocalDate.parse(bookedOn), product,
                Money.cny(amount), Funding.VOUCHER, voucherId, product == Product.MAAS_TOKENS ? 0L : null, null, null, null);
    }

    public static LedgerLine tokens(LedgerLine line, long tokens) {
        return new LedgerLine(line.lineId(), line.customerId(), line.customerKind(), line.businessUnit(),
                line.bookedOn(), line.product(), line.amountCny(), line.funding(), line.voucherId(), tokens,
                line.correctionOf(), null, null);
    }

    /** A correction of {@code corrected}: same customer, product and funding, the signed difference, booked then. */
    public static LedgerLine correction(String id, LedgerLine corrected, String difference, String bookedOn) {
        return new LedgerLine(id, corrected.customerId(), corrected.customerKind(), corrected.businessUnit(),
                LocalDate.parse(bookedOn), corrected.product(), Money.cny(difference), corrected.funding(),
                corrected.voucherId(), corrected.tokens() == null ? null : 0L, corrected.lineId(), null, null);
    }
}
