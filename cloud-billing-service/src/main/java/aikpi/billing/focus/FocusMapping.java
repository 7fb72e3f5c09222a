package aikpi.billing.focus;

import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.Product;
import aikpi.vocabulary.Sha256;
import aikpi.vocabulary.Slug;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a FOCUS cost-and-usage row becomes ledger terms: the one place that says it (the service README's tables copy
 * it). FOCUS 1.0 to 1.2 (FinOps Foundation, {@code FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec}): columns are found by
 * header name, never by position; provider columns ({@code x_...}) and columns this mapping does not use are read
 * past.
 *
 * <ul>
 *   <li><b>customer</b> = {@code BillingAccountId} ({@link #customerId}); its kind from the {@code Tags} key
 *       {@value #TAG_CUSTOMER_KIND}, else what the ledger already knows of that customer, else {@code EXTERNAL}; an
 *       internal customer's business unit from the {@code Tags} key {@value #TAG_BUSINESS_UNIT}.</li>
 *   <li><b>booked</b> on the {@code ChargePeriodStart} day in the reporting zone; a {@code ChargeClass = Correction}
 *       row corrects an earlier, closed period and is booked as a correction line on the first day of the billing
 *       period it arrives in (the UTC date of {@code BillingPeriodStart}); when that billing period is final
 *       ({@link BillingClose}), on the first day of the open period ({@link LineAggregator}).</li>
 *   <li><b>revenue</b> is the {@code BilledCost} of {@code Usage}, {@code Purchase} and {@code Adjustment} rows;
 *       {@code Tax} rows are not revenue; a {@code Credit} row is revenue paid with vouchers: it moves its amount from
 *       the cash part to the voucher part ({@link LineAggregator}); a credit whose {@code Tags} name a
 *       {@value #TAG_VOUCHER} draws that voucher.</li>
 *   <li><b>product</b> by {@code ServiceCategory} ({@link #CATEGORIES}); {@code AI and Machine Learning} is
 *       {@code MAAS_TOKENS} when the consumed or pricing unit is a token unit, else {@code AI_COMPUTE}; the
 *       {@code Tags} key {@value #TAG_PRODUCT} overrides.</li>
 *   <li><b>tokens</b> = the quantity in tokens of the token unit ({@code 1M Tokens} x 2.5 = 2,500,000).</li>
 *   <li><b>model</b> of a {@code MAAS_TOKENS} row = the {@code Tags} key {@value #TAG_MODEL} (a model id such as
 *       {@code qwen-max}); FOCUS has no model column, and {@code Tags} is its place for provider-defined key-values.
 *       A credit names the model of the usage it pays.</li>
 * </ul>
 */
public final class FocusMapping {

    public static final String TAG_CUSTOMER_KIND = "customer-kind";
    public static final String TAG_BUSINESS_UNIT = "business-unit";
    public static final String TAG_VOUCHER = "voucher-id";
    public static final String TAG_PRODUCT = "kpi-product";
    public static final String TAG_MODEL = "model";
    public static final String AI_CATEGORY = "AI and Machine Learning";
    public static final String CORRECTION = "Correction";

    /** What a {@code ChargeCategory} is to the ledger. */
    public enum Charge {
        /** {@code Usage}, {@code Purchase}, {@code Adjustment}: revenue, paid in cash unless a credit says otherwise. */
        REVENUE,
        /** {@code Tax}: collected for the state, not revenue. */
        TAX,
        /** {@code Credit}: revenue paid with vouchers (a negative BilledCost moves that much from cash to voucher). */
        CREDIT
    }

    /** The {@code ChargeCategory} values of FOCUS 1.0 to 1.2, exactly as the specification spells them. */
    public static final Map<String, Charge> CHARGE_CATEGORIES = ordered(
            "Usage", Charge.REVENUE, "Purchase", Charge.REVENUE, "Adjustment", Charge.REVENUE,
            "Tax", Charge.TAX, "Credit", Charge.CREDIT);

    /**
     * The 19 {@code ServiceCategory} values of FOCUS 1.0 to 1.2 (the specification's order) and the product each
     * books as. {@code AI and Machine Learning} is refined by its unit ({@link #product}).
     */
    public static final Map<String, Product> CATEGORIES = ordered(
            AI_CATEGORY, Product.AI_COMPUTE,
            "Analytics", Product.PAAS,
            "Business Applications", Product.SAAS,
            "Compute", Product.IAAS,
            "Databases", Product.PAAS,
            "Developer Tools", Product.PAAS,
            "Multicloud", Product.PAAS,
            "Identity", Product.PAAS,
            "Integration", Product.PAAS,
            "Internet of Things", Product.PAAS,
            "Management and Governance", Product.PAAS,
            "Media", Product.PAAS,
            "Migration", Product.PAAS,
            "Mobile", Product.PAAS,
            "Networking", Product.IAAS,
            "Security", Product.PAAS,
            "Storage", Product.IAAS,
            "Web", Product.PAAS,
            "Other", Product.OTHER);

    /** The category each product is exported under (the inverse of {@link #CATEGORIES}, one category per product). */
    public static final Map<Product, String> EXPORT_CATEGORIES = Map.of(Product.MAAS_TOKENS, AI_CATEGORY,
            Product.AI_COMPUTE, AI_CATEGORY, Product.AI_APPS, AI_CATEGORY, Product.IAAS, "Compute",
            Product.PAAS, "Databases", Product.SAAS, "Business Applications", Product.OTHER, "Other");

    /**
     * A token unit: {@code Tokens}, {@code Token}, {@code 1000 Tokens} (the specification's unit format), and the
     * {@code 1K Tokens} / {@code 1M Tokens} that providers write; any case.
     */
    private static final Pattern TOKEN_UNIT = Pattern.compile("(?i)\\s*(?:(\\d+)\\s*([km])?\\s+)?tokens?\\s*");
    private static final int MAX_SLUG_STEM = 55;

    private FocusMapping() {
    }

    /**
     * How many tokens one unit of {@code unit} is, or null when it is not a token unit.
     *
     * @throws IllegalArgumentException when the unit's count has more digits than any token unit needs (18)
     */
    public static BigDecimal tokensPerUnit(String unit) {
        if (unit == null) {
            return null;
        }
        Matcher m = TOKEN_UNIT.matcher(unit);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) != null && m.group(1).length() > 18) {
            throw new IllegalArgumentException("is a token unit of " + m.group(1).length() + " digits; at most 18 are "
                    + "allowed (1M Tokens, 1000 Tokens)");
        }
        BigDecimal per = m.group(1) == null ? BigDecimal.ONE : new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            per = per.scaleByPowerOfTen(m.group(2).equalsIgnoreCase("k") ? 3 : 6);
        }
        return per;
    }

    /** The product a row books as: the override tag, else its category, an AI category refined by its unit. */
    public static Product product(String serviceCategory, boolean tokenUnit) {
        Product p = CATEGORIES.get(serviceCategory);
        return p == Product.AI_COMPUTE && tokenUnit ? Product.MAAS_TOKENS : p;
    }

    /**
     * The ledger's customer id for a billing account: the account id itself when it is already one of the suite's
     * ids (a lower-case slug); otherwise a slug made of it (lower case, every run of other characters a '-') with
     * the first 8 hex digits of its SHA-256 appended, so that two accounts never share a customer
     * ({@code /providers/Microsoft.Billing/billingAccounts/8611537} becomes
     * {@code providers-microsoft.billing-billingaccounts-8611537-} and 8 hex digits).
     */
    public static String customerId(String billingAccountId) {
        if (Slug.isValid(billingAccountId)) {
            return billingAccountId;
        }
        String stem = billingAccountId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("[-.]+$", "");
        if (stem.length() > MAX_SLUG_STEM) {
            stem = stem.substring(0, MAX_SLUG_STEM).replaceAll("[-.]+$", "");
        }
        String hash = Sha256.hex(billingAccountId).substring(0, 8);
        return stem.isEmpty() ? "account-" + hash : stem + "-" + hash;
    }

    /** The customer kind a {@value #TAG_CUSTOMER_KIND} tag names, or null when it names none of them. */
    public static CustomerKind customerKind(String tag) {
        for (CustomerKind k : CustomerKind.values()) {
            if (k.name().equalsIgnoreCase(tag.strip())) {
                return k;
            }
        }
        return null;
    }

    /** The product a {@value #TAG_PRODUCT} tag names, or null when it names none. */
    public static Product productTag(String tag) {
        for (Product p : Product.values()) {
            if (p.name().equalsIgnoreCase(tag.strip())) {
                return p;
            }
        }
        return null;
    }

    /** The names of a mapping's keys, for messages ("must be one of ..."). */
    static String names(Map<String, ?> values) {
        return String.join(", ", List.copyOf(values.keySet()));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
