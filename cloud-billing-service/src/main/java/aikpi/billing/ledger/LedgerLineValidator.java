package aikpi.billing.ledger;

import aikpi.billing.vouchers.VoucherRules;
import aikpi.platform.problem.ItemError;
import aikpi.vocabulary.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a line must follow on its own, before the ledger is consulted: required fields, known values, amounts
 * exact to the fen, tokens only (and always) on MaaS token lines, a business unit only (and always) on lines of
 * internal customers, a voucher only (and always) on voucher-funded lines, a model (an id) only on MaaS token lines.
 */
public final class LedgerLineValidator {

    static final int MAX_ID_LENGTH = 128;
    /** No single line bills anywhere near this many tokens; more is a unit or parsing error at the sender. */
    static final long MAX_TOKENS_PER_LINE = 1_000_000_000_000_000L;
    /** Alibaba Cloud was founded in 2009; an earlier booking date is a unit or parsing error. */
    static final LocalDate EARLIEST = LocalDate.of(2009, 1, 1);
    /** The decimals {@code ledger_line.billed_amount} keeps. */
    static final int MAX_BILLED_DECIMALS = 18;
    private static final BigDecimal MAX_BILLED = new BigDecimal("1E19");

    private LedgerLineValidator() {
    }

    /** A line that passed these rules, at its position in the batch. */
    public record Candidate(int index, LedgerLine line) {
    }

    /**
     * The batch sorted out: the first occurrence of each valid line id in batch order, the ids of lines that broke
     * a rule (so that the ledger rules do not pile follow-up errors on lines that refer to them), and the errors.
     */
    public record Validated(List<Candidate> candidates, Set<String> invalidIds, List<ItemError> errors) {
    }

    /**
     * @param latestBookingDay the last booking date accepted (today in the reporting zone, plus a day of slack)
     */
    public static Validated validate(List<LedgerLineRequest> batch, LocalDate latestBookingDay) {
        LineErrors errors = new LineErrors();
        List<Candidate> candidates = new ArrayList<>(batch.size());
        Set<String> seen = new HashSet<>();
        Set<String> invalid = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            LedgerLineRequest r = batch.get(i);
            if (r == null) {
                errors.add(i, null, "item", "is null");
                continue;
            }
            int before = errors.size();
            LedgerLine line = check(i, r, latestBookingDay, errors);
            if (errors.size() > before) {
                if (r.lineId() != null) {
                    invalid.add(r.lineId());
                }
            } else if (seen.add(line.lineId())) {
                candidates.add(new Candidate(i, line));
            }
        }
        return new Validated(candidates, invalid, errors.sorted());
    }

    private static LedgerLine check(int i, LedgerLineRequest r, LocalDate latest, LineErrors errors) {
        String id = r.lineId();
        if (errors.require(i, id, "lineId", id) && id.length() > MAX_ID_LENGTH) {
            errors.add(i, id, "lineId", "is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (errors.require(i, id, "customerId", r.customerId()) && !VoucherRules.SLUG.matcher(r.customerId()).matches()) {
            errors.add(i, id, "customerId", "must be a lower-case slug (was '" + r.customerId() + "')");
        }
        CustomerKind kind = parse(i, id, "customerKind", r.customerKind(), CustomerKind.class, errors);
        if (kind == CustomerKind.INTERNAL) {
            if (errors.require(i, id, "businessUnit", r.businessUnit())
                    && !VoucherRules.SLUG.matcher(r.businessUnit()).matches()) {
                errors.add(i, id, "businessUnit", "must be a business unit id, a lower-case slug such as 'taobao' (was '"
                        + r.businessUnit() + "')");
            }
        } else if (kind != null && r.businessUnit() != null) {
            errors.add(i, id, "businessUnit", "only lines of INTERNAL customers name a business unit; this one is " + kind);
        }
        if (errors.require(i, id, "bookedOn", r.bookedOn())) {
            if (r.bookedOn().isAfter(latest)) {
                errors.add(i, id, "bookedOn", "is in the future (" + r.bookedOn() + ")");
            } else if (r.bookedOn().isBefore(EARLIEST)) {
                errors.add(i, id, "bookedOn", "is before " + EARLIEST + " (" + r.bookedOn() + ")");
            }
        }
        boolean correction = r.correctionOf() != null;
        if (correction) {
            if (r.correctionOf().isBlank() || r.correctionOf().length() > MAX_ID_LENGTH) {
                errors.add(i, id, "correctionOf", "must be the lineId of the corrected line (1 to " + MAX_ID_LENGTH
                        + " characters)");
            } else if (r.correctionOf().equals(id)) {
                errors.add(i, id, "correctionOf", "a line cannot correct itself");
            }
        }
        Product product = parse(i, id, "product", r.product(), Product.class, errors);
        BigDecimal amount = amount(i, id, r, correction, errors);
        Funding funding = parse(i, id, "funding", r.funding(), Funding.class, errors);
        if (funding == Funding.VOUCHER) {
            if (errors.require(i, id, "voucherId", r.voucherId()) && r.voucherId().length() > MAX_ID_LENGTH) {
                errors.add(i, id, "voucherId", "is longer than " + MAX_ID_LENGTH + " characters");
            }
        } else if (funding == Funding.CASH && r.voucherId() != null) {
            errors.add(i, id, "voucherId", "only VOUCHER-funded lines name a voucher; this line is paid in CASH");
        }
        if (product == Product.MAAS_TOKENS) {
            if (errors.require(i, id, "tokens", r.tokens())) {
                if (!correction && r.tokens() < 0) {
                    errors.add(i, id, "tokens", "must not be negative (was " + r.tokens() + ")");
                } else if (Math.abs(r.tokens()) > MAX_TOKENS_PER_LINE) {
                    errors.add(i, id, "tokens", "is implausibly large (" + r.tokens() + ")");
                }
            }
        } else if (product != null && r.tokens() != null) {
            errors.add(i, id, "tokens", "only MAAS_TOKENS lines carry tokens; this line is " + product);
        }
        if (r.model() != null) {
            if (product != null && product != Product.MAAS_TOKENS) {
                errors.add(i, id, "model", "only MAAS_TOKENS lines name a model; this line is " + product);
            } else if (!VoucherRules.SLUG.matcher(r.model()).matches()) {
                errors.add(i, id, "model", "must be a model id, a lower-case slug such as 'qwen-max' (was '"
                        + r.model() + "')");
            }
        }
        if (kind == null || product == null || funding == null || amount == null) {
            return null;
        }
        if (r.amountCny() == null) {
            // Converted by the ingestion at the booking day's rate; CNY at 1.
            String currency = r.currency().strip();
            return new LedgerLine(id, r.customerId(), kind, r.businessUnit(), r.bookedOn(), product,
                    currency.equals(LedgerLine.CNY) ? Money.cny(amount) : BigDecimal.ZERO, funding, r.voucherId(),
                    r.tokens(), r.correctionOf(), null, null, currency, amount, BigDecimal.ONE, null, null, null, null,
                    r.model());
        }
        return new LedgerLine(id, r.customerId(), kind, r.businessUnit(), r.bookedOn(), product,
                Money.isStorable(amount) ? Money.cny(amount) : amount, funding, r.voucherId(),
                r.tokens(), r.correctionOf(), null, null).withModel(r.model());
    }

    /**
     * The line's amount: {@code amountCny} (fen), or {@code amount} in {@code currency} (an ISO 4217 code; at most
     * {@value #MAX_BILLED_DECIMALS} decimals, CNY to the fen); exactly one of the two forms.
     */
    private static BigDecimal amount(int i, String id, LedgerLineRequest r, boolean correction, LineErrors errors) {
        boolean foreign = r.currency() != null || r.amount() != null;
        if (r.amountCny() != null && foreign) {
            errors.add(i, id, "amountCny", "send either amountCny or currency and amount, not both");
            return null;
        }
        if (!foreign) {
            if (errors.require(i, id, "amountCny", r.amountCny())) {
                if (!Money.isStorable(r.amountCny())) {
                    errors.add(i, id, "amountCny", "must be an amount in CNY with at most two decimals (fen), was "
                            + r.amountCny().toPlainString());
                } else if (!correction && r.amountCny().signum() < 0) {
                    errors.add(i, id, "amountCny", "must not be negative (was " + r.amountCny().toPlainString()
                            + "); to take revenue back, send a correction (correctionOf) of the line");
                } else {
                    return r.amountCny();
                }
            }
            return null;
        }
        boolean ok = errors.require(i, id, "currency", r.currency()) & errors.require(i, id, "amount", r.amount());
        if (!ok) {
            return null;
        }
        String code = r.currency().strip();
        try {
            if (!code.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException();
            }
            java.util.Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            errors.add(i, id, "currency", "must be an ISO 4217 currency code such as USD (was '" + code + "')");
            return null;
        }
        int decimals = code.equals(LedgerLine.CNY) ? 2 : MAX_BILLED_DECIMALS;
        if (r.amount().stripTrailingZeros().scale() > decimals || r.amount().abs().compareTo(MAX_BILLED) >= 0) {
            errors.add(i, id, "amount", "must be an amount with at most " + decimals + " decimals (was "
                    + r.amount().toPlainString() + ")");
        } else if (!correction && r.amount().signum() < 0) {
            errors.add(i, id, "amount", "must not be negative (was " + r.amount().toPlainString()
                    + "); to take revenue back, send a correction (correctionOf) of the line");
        } else {
            return r.amount();
        }
        return null;
    }

    private static <E extends Enum<E>> E parse(int i, String id, String field, String text, Class<E> type,
                                               LineErrors errors) {
        if (!errors.require(i, id, field, text)) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(i, id, field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + " (was '" + text + "')");
            return null;
        }
    }
}
