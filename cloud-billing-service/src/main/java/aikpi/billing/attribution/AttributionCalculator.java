package aikpi.billing.attribution;

import aikpi.billing.attribution.Attribution.BusinessUnitFigures;
import aikpi.billing.attribution.Attribution.FundingSplit;
import aikpi.billing.attribution.Attribution.InvesteeFigures;
import aikpi.billing.attribution.Attribution.Reconciliation;
import aikpi.billing.attribution.Attribution.ReconciliationStatus;
import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.Funding;
import aikpi.billing.ledger.LedgerAmount;
import aikpi.billing.ledger.PayingCustomers;
import aikpi.billing.ledger.Product;
import aikpi.billing.metering.MeteredTokens;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The formulas of cloud revenue attribution (DESIGN.md, "KPI definitions"), in plain Java over the ledger's amounts
 * of one quarter and the quarter's reported revenue. Each formula carries its definition id; the same ids are
 * returned in {@link Attribution#definitions()}.
 */
public final class AttributionCalculator {

    public static final String CLOUD_SHARE = "cloud-share";
    public static final String SHARE_GAP = "share-gap-to-baseline";
    public static final String AI_ATTRIBUTED = "ai-attributed-cloud-revenue";
    public static final String AI_CASH = "ai-cash-revenue";
    public static final String AI_SHARE_OF_CLOUD = "ai-share-of-cloud";
    public static final String SHARE_WITHOUT_AI = "share-without-ai";
    public static final String REVENUE_PER_MILLION_TOKENS = "revenue-per-million-tokens";
    public static final String TO_B_FUNNEL = "to-b-funnel";

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private AttributionCalculator() {
    }

    /** A quarter's revenue as the group reported it. */
    public record ReportedRevenue(BigDecimal groupRevenueCny, BigDecimal cloudRevenueCny, String source) {
    }

    /**
     * @param quarter   the quarter, by either name (a fiscal quarter is answered under its calendar name)
     * @param reported  the quarter's reported revenue, or null when none was reported
     * @param amounts   the ledger's amounts booked in the quarter, corrections included, at any granularity
     * @param baseline  the cloud share the quarter is measured against (0.11)
     * @param metered   tokens tongyi-service metered in the quarter, or why they are unavailable
     */
    public static Attribution compute(Period quarter, @Nullable ReportedRevenue reported,
                                      Collection<LedgerAmount> amounts, BigDecimal baseline, MeteredTokens metered) {
        Period q = quarter.asCalendarQuarter();
        Sums ledger = new Sums();
        Sums ai = new Sums();
        Map<Product, Sums> aiByProduct = new EnumMap<>(Product.class);
        for (Product p : Product.values()) {
            if (p.aiDriven()) {
                aiByProduct.put(p, new Sums());
            }
        }
        Map<String, Sums> investees = new TreeMap<>();
        Map<String, Sums> investeesAi = new TreeMap<>();
        Map<String, Sums> units = new TreeMap<>();
        Map<String, Sums> unitsAi = new TreeMap<>();
        BigInteger billedTokens = BigInteger.ZERO;
        Sums maas = aiByProduct.get(Product.MAAS_TOKENS);
        for (LedgerAmount a : amounts) {
            ledger.add(a);
            boolean aiDriven = a.product().aiDriven();
            if (aiDriven) {
                // ai-attributed-cloud-revenue: Σ ledger lines tagged with an AI driver (MaaS tokens, AI compute, AI apps)
                ai.add(a);
                aiByProduct.get(a.product()).add(a);
            }
            if (a.product() == Product.MAAS_TOKENS) {
                billedTokens = billedTokens.add(a.tokens());
            }
            if (a.customerKind() == CustomerKind.INVESTEE) {
                investees.computeIfAbsent(a.customerId(), k -> new Sums()).add(a);
                Sums investeeAi = investeesAi.computeIfAbsent(a.customerId(), k -> new Sums());
                if (aiDriven) {
                    investeeAi.add(a);
                }
            }
            if (a.customerKind() == CustomerKind.INTERNAL && a.businessUnit() != null) {
                units.computeIfAbsent(a.businessUnit(), k -> new Sums()).add(a);
                Sums unitAi = unitsAi.computeIfAbsent(a.businessUnit(), k -> new Sums());
                if (aiDriven) {
                    unitAi.add(a);
                }
            }
        }

        // ai-cash-revenue: AI-attributed revenue − the part funded by vouchers
        BigDecimal aiCash = ai.cash;

        BigDecimal group = reported == null ? null : Money.cny(reported.groupRevenueCny());
        BigDecimal cloud = reported == null ? null : Money.cny(reported.cloudRevenueCny());
        BigDecimal exactShare = reported == null ? null : cloud.divide(group, MathContext.DECIMAL128);
        // cloud-share: cloud revenue ÷ group revenue
        BigDecimal cloudShare = reported == null ? null : Money.ratio(cloud, group);
        // share-gap-to-baseline: cloud share − baseline, in percentage points
        BigDecimal shareGapPp = reported == null ? null : Money.percentagePoints(exactShare.subtract(baseline));
        // The part of reported cloud revenue that no ledger line accounts for.
        BigDecimal unattributed = reported == null ? null : cloud.subtract(ledger.total());
        // ai-share-of-cloud: AI-attributed revenue ÷ cloud revenue
        BigDecimal aiShareOfCloud = reported == null ? null : Money.ratio(ai.total(), cloud);
        // ai-share-of-cloud (cash only): AI cash revenue ÷ cloud revenue
        BigDecimal aiCashShareOfCloud = reported == null ? null : Money.ratio(aiCash, cloud);
        // share-without-ai: (cloud − AI cash) ÷ (group − AI cash), cloud's share had AI brought in no cash
        BigDecimal shareWithoutAi = reported == null ? null
                : Money.ratio(cloud.subtract(aiCash), group.subtract(aiCash));

        // to-b-funnel (paying customers): distinct customers whose cash lines of the quarter add up to more than zero
        long paying = PayingCustomers.count(amounts);

        List<InvesteeFigures> investeeFigures = new ArrayList<>();
        investees.forEach((id, s) -> investeeFigures.add(new InvesteeFigures(id, Money.cny(s.cash),
                Money.cny(s.voucher), s.total(), investeesAi.get(id).total())));
        List<BusinessUnitFigures> unitFigures = new ArrayList<>();
        units.forEach((unit, s) -> unitFigures.add(new BusinessUnitFigures(unit, s.total(), unitsAi.get(unit).total())));
        Map<Product, FundingSplit> byProduct = new EnumMap<>(Product.class);
        aiByProduct.forEach((p, s) -> byProduct.put(p, s.split()));

        return new Attribution(q.label(), q.asFiscalQuarter().label(), q.firstDay(), q.lastDay(),
                reported != null,
                reported == null ? "No group revenue is reported for " + q.label() + " (" + q.asFiscalQuarter().label()
                        + "): the figures that need it are null. PUT /api/v1/group-revenue/" + q.label() + " to report it."
                        : null,
                reported == null ? null : reported.source(),
                group, cloud, cloudShare, Money.percentagePoints(exactShare), baseline.setScale(Money.RATIO_SCALE, RoundingMode.HALF_UP),
                shareGapPp,
                ledger.total(), Money.cny(ledger.cash), Money.cny(ledger.voucher), unattributed == null ? null : Money.cny(unattributed),
                ai.total(), Money.cny(aiCash), Money.cny(ai.voucher), byProduct,
                aiShareOfCloud, aiCashShareOfCloud, shareWithoutAi,
                investeeFigures, unitFigures, paying,
                reconcile(billedTokens, maas, metered),
                definitions(), List.of(), List.of());
    }

    static Reconciliation reconcile(BigInteger billedTokens, Sums maas, MeteredTokens metered) {
        BigDecimal revenue = maas.total();
        BigDecimal cash = Money.cny(maas.cash);
        // revenue-per-million-tokens (billed): MaaS token revenue ÷ billed tokens × 10⁶
        BigDecimal perMillionBilled = Money.ratio(revenue.multiply(MILLION), new BigDecimal(billedTokens));
        if (!metered.available()) {
            return new Reconciliation(ReconciliationStatus.UNAVAILABLE, metered.detail(), billedTokens, null, null, null,
                    revenue, cash, null, null, perMillionBilled);
        }
        long meteredTokens = metered.tokens();
        BigInteger difference = billedTokens.subtract(BigInteger.valueOf(meteredTokens));
        BigDecimal tokens = BigDecimal.valueOf(meteredTokens);
        return new Reconciliation(ReconciliationStatus.OK,
                difference.signum() == 0 ? "Billed tokens match metered tokens."
                        : "Billed tokens are " + (difference.signum() > 0 ? "above" : "below") + " metered tokens by "
                        + difference.abs() + ".",
                billedTokens, meteredTokens, difference,
                // revenue-per-million-tokens (billed vs metered reconciled): (billed − metered) ÷ metered
                Money.ratio(new BigDecimal(difference), tokens),
                revenue, cash,
                // revenue-per-million-tokens: MaaS token revenue ÷ metered tokens × 10⁶
                Money.ratio(revenue.multiply(MILLION), tokens),
                // revenue-per-million-tokens (cash only): MaaS cash revenue ÷ metered tokens × 10⁶
                Money.ratio(cash.multiply(MILLION), tokens),
                perMillionBilled);
    }

    /** Which definition of DESIGN.md each figure of the answer follows. */
    static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("cloudShare", CLOUD_SHARE);
        d.put("shareGapPp", SHARE_GAP);
        d.put("aiRevenueCny", AI_ATTRIBUTED);
        d.put("aiCashRevenueCny", AI_CASH);
        d.put("aiShareOfCloud", AI_SHARE_OF_CLOUD);
        d.put("aiCashShareOfCloud", AI_SHARE_OF_CLOUD);
        d.put("shareWithoutAi", SHARE_WITHOUT_AI);
        d.put("reconciliation.revenuePerMillionTokensCny", REVENUE_PER_MILLION_TOKENS);
        d.put("payingCustomers", TO_B_FUNNEL);
        return d;
    }

    /** Running sums of ledger amounts by funding. */
    static final class Sums {
        BigDecimal cash = BigDecimal.ZERO;
        BigDecimal voucher = BigDecimal.ZERO;

        void add(LedgerAmount a) {
            if (a.funding() == Funding.CASH) {
                cash = cash.add(a.amountCny());
            } else {
                voucher = voucher.add(a.amountCny());
            }
        }

        BigDecimal total() {
            return Money.cny(cash.add(voucher));
        }

        FundingSplit split() {
            return new FundingSplit(total(), Money.cny(cash), Money.cny(voucher));
        }
    }
}
