package aikpi.billing.attribution;

import static aikpi.billing.ledger.InMemoryLedger.cash;
import static aikpi.billing.ledger.InMemoryLedger.correction;
import static aikpi.billing.ledger.InMemoryLedger.tokens;
import static aikpi.billing.ledger.InMemoryLedger.voucherLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.billing.attribution.Attribution.InvesteeFigures;
import aikpi.billing.attribution.Attribution.ReconciliationStatus;
import aikpi.billing.attribution.AttributionCalculator.ReportedRevenue;
import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.InMemoryLedger;
import aikpi.billing.ledger.LedgerLine;
import aikpi.billing.ledger.LedgerRules.Outcome;
import aikpi.billing.ledger.Product;
import aikpi.billing.metering.MeteredTokens;
import aikpi.vocabulary.InvalidPeriodException;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribution formulas on small ledgers whose every figure is worked out by hand in the comments. */
class AttributionCalculatorTest {

    private static final Period Q4_2024 = Period.parse("2024-Q4");
    private static final BigDecimal BASELINE = new BigDecimal("0.11");
    private static final MeteredTokens NOT_METERED = MeteredTokens.unavailable("tongyi-service did not answer");

    private static BigDecimal cny(String amount) {
        return Money.cny(amount);
    }

    private static ReportedRevenue reported(String group, String cloud) {
        return new ReportedRevenue(cny(group), cny(cloud), "test figures");
    }

    @Test
    void theArticlesQuarterGivesACloudShareOf11Point33Percent() {
        // Quarter ended 2024-12-31: group RMB 280,154 million, Cloud Intelligence RMB 31,742 million.
        Attribution a = AttributionCalculator.compute(Q4_2024, reported("280154000000", "31742000000"), List.of(),
                BASELINE, NOT_METERED);

        // 31,742 ÷ 280,154 = 0.1133019... → 0.113302 → 11.33%, 0.33 points above the 11% baseline.
        assertThat(a.cloudShare()).isEqualTo(new BigDecimal("0.113302"));
        assertThat(a.cloudSharePct()).isEqualTo(new BigDecimal("11.33"));
        assertThat(a.baselineShare()).isEqualTo(new BigDecimal("0.110000"));
        assertThat(a.shareGapPp()).isEqualTo(new BigDecimal("0.33"));
        assertThat(a.groupRevenueCny()).isEqualTo(new BigDecimal("280154000000.00"));
        assertThat(a.cloudRevenueCny()).isEqualTo(new BigDecimal("31742000000.00"));
        // With no ledger lines, nothing is attributed and all cloud revenue is unattributed.
        assertThat(a.unattributedCny()).isEqualTo(new BigDecimal("31742000000.00"));
        assertThat(a.aiShareOfCloud()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(a.shareWithoutAi()).isEqualTo(new BigDecimal("0.113302"));
        assertThat(a.reported()).isTrue();
        assertThat(a.note()).isNull();
    }

    /**
     * Reported: group 10,000.00, cloud 2,000.00. Ledger of the quarter:
     * <pre>
     *   m-1    acme     EXTERNAL  MAAS_TOKENS  300.00 cash  3,000,000 tokens
     *   m-1-c  acme     correction of m-1      -50.00 cash   -500,000 tokens   → MaaS 250.00, 2,500,000 tokens
     *   c-1    minimax  INVESTEE  AI_COMPUTE   400.00 voucher v-mm
     *   c-2    minimax  INVESTEE  AI_COMPUTE   100.00 cash
     *   a-1    taobao   INTERNAL  AI_APPS      150.00 cash
     *   i-1    taobao   INTERNAL  IAAS         200.00 cash
     *   p-1    beta     EXTERNAL  PAAS         100.00 cash
     * </pre>
     * Ledger 1,200.00 (cash 800.00, voucher 400.00). AI 900.00 = 250 + 500 + 150, of it cash 500.00, voucher 400.00.
     */
    private static InMemoryLedger handComputedLedger() {
        InMemoryLedger ledger = new InMemoryLedger().voucher("v-mm", "minimax", "1000.00", "2024-10-01", "2025-03-31");
        LedgerLine maas = tokens(cash("m-1", "acme", CustomerKind.EXTERNAL, Product.MAAS_TOKENS, "300.00", "2024-10-15"),
                3_000_000);
        assertThat(ledger.post(maas,
                voucherLine("c-1", "minimax", Product.AI_COMPUTE, "400.00", "2024-11-02", "v-mm"),
                cash("c-2", "minimax", CustomerKind.INVESTEE, Product.AI_COMPUTE, "100.00", "2024-11-03"),
                cash("a-1", "taobao", CustomerKind.INTERNAL, Product.AI_APPS, "150.00", "2024-11-04"),
                cash("i-1", "taobao", CustomerKind.INTERNAL, Product.IAAS, "200.00", "2024-11-05"),
                cash("p-1", "beta", CustomerKind.EXTERNAL, Product.PAAS, "100.00", "2024-11-06")).accepted()).isTrue();
        // History is not edited: the over-billing of m-1 is taken back by a correction line in a later batch.
        assertThat(ledger.post(tokens(correction("m-1-c", maas, "-50.00", "2024-12-20"), -500_000)).accepted()).isTrue();
        return ledger;
    }

    @Test
    void aiRevenueCountsCorrectionsAndSplitsCashFromVouchers() {
        InMemoryLedger ledger = handComputedLedger();
        Attribution a = AttributionCalculator.compute(Q4_2024, reported("10000.00", "2000.00"),
                ledger.amountsIn(Q4_2024), BASELINE, MeteredTokens.of(2_000_000));

        assertThat(a.ledgerTotalCny()).isEqualTo(cny("1200.00"));
        assertThat(a.ledgerCashCny()).isEqualTo(cny("800.00"));
        assertThat(a.ledgerVoucherCny()).isEqualTo(cny("400.00"));
        assertThat(a.unattributedCny()).isEqualTo(cny("800.00"));           // 2,000 − 1,200
        assertThat(a.aiRevenueCny()).isEqualTo(cny("900.00"));
        assertThat(a.aiCashRevenueCny()).isEqualTo(cny("500.00"));          // 900 − 400 paid by voucher
        assertThat(a.aiVoucherRevenueCny()).isEqualTo(cny("400.00"));
        assertThat(a.aiByProduct().get(Product.MAAS_TOKENS).totalCny()).isEqualTo(cny("250.00"));
        assertThat(a.aiByProduct().get(Product.AI_COMPUTE).cashCny()).isEqualTo(cny("100.00"));
        assertThat(a.aiByProduct().get(Product.AI_COMPUTE).voucherCny()).isEqualTo(cny("400.00"));
        assertThat(a.aiByProduct().get(Product.AI_APPS).totalCny()).isEqualTo(cny("150.00"));
        assertThat(a.aiByProduct()).doesNotContainKey(Product.IAAS);

        assertThat(a.cloudShare()).isEqualTo(new BigDecimal("0.200000"));   // 2,000 ÷ 10,000
        assertThat(a.shareGapPp()).isEqualTo(new BigDecimal("9.00"));       // 20% − 11%
        assertThat(a.aiShareOfCloud()).isEqualTo(new BigDecimal("0.450000"));      // 900 ÷ 2,000
        assertThat(a.aiCashShareOfCloud()).isEqualTo(new BigDecimal("0.250000"));  // 500 ÷ 2,000
        // (2,000 − 500) ÷ (10,000 − 500) = 1,500 ÷ 9,500 = 0.1578947… → 0.157895
        assertThat(a.shareWithoutAi()).isEqualTo(new BigDecimal("0.157895"));

        assertThat(a.investees()).containsExactly(new InvesteeFigures("minimax", cny("100.00"), cny("400.00"),
                cny("500.00"), cny("500.00")));
        assertThat(a.businessUnits()).singleElement().satisfies(u -> {
            assertThat(u.businessUnit()).isEqualTo("taobao");
            assertThat(u.cloudSpendCny()).isEqualTo(cny("350.00"));
            assertThat(u.aiSpendCny()).isEqualTo(cny("150.00"));
        });
        // acme, minimax, taobao and beta each paid some cash.
        assertThat(a.payingCustomers()).isEqualTo(4);

        // Billed 3,000,000 − 500,000 = 2,500,000 tokens against 2,000,000 metered.
        var r = a.reconciliation();
        assertThat(r.status()).isEqualTo(ReconciliationStatus.OK);
        assertThat(r.billedTokens()).isEqualTo(BigInteger.valueOf(2_500_000));
        assertThat(r.meteredTokens()).isEqualTo(2_000_000);
        assertThat(r.differenceTokens()).isEqualTo(BigInteger.valueOf(500_000));
        assertThat(r.differenceRatio()).isEqualTo(new BigDecimal("0.250000"));
        assertThat(r.maasRevenueCny()).isEqualTo(cny("250.00"));
        assertThat(r.revenuePerMillionTokensCny()).isEqualTo(new BigDecimal("125.000000"));        // 250 ÷ 2 M × 1 M
        assertThat(r.revenuePerMillionBilledTokensCny()).isEqualTo(new BigDecimal("100.000000"));  // 250 ÷ 2.5 M × 1 M
        assertThat(r.cashRevenuePerMillionTokensCny()).isEqualTo(new BigDecimal("125.000000"));
    }

    @Test
    void aLineThatWouldOverdrawItsVoucherIsRejectedAndNotAttributed() {
        InMemoryLedger ledger = new InMemoryLedger().voucher("v-mx", "moonshot", "500.00", "2024-10-01", "2025-03-31");
        assertThat(ledger.post(voucherLine("v-1", "moonshot", Product.MAAS_TOKENS, "300.00", "2024-10-10", "v-mx"))
                .accepted()).isTrue();
        // 300 + 150 = 450 fits; 450 + 100 = 550 > 500: the third line overdraws, and the whole batch is refused.
        Outcome overdraw = ledger.post(
                voucherLine("v-2", "moonshot", Product.MAAS_TOKENS, "150.00", "2024-10-11", "v-mx"),
                voucherLine("v-3", "moonshot", Product.MAAS_TOKENS, "100.00", "2024-10-12", "v-mx"));
        assertThat(overdraw.accepted()).isFalse();
        assertThat(overdraw.errors()).singleElement().satisfies(e -> {
            assertThat(e.index()).isEqualTo(1);
            assertThat(e.id()).isEqualTo("v-3");
            assertThat(e.field()).isEqualTo("voucherId");
            assertThat(e.message()).contains("overdraw").contains("50.00 CNY left");
        });
        assertThat(ledger.drawn("v-mx")).isEqualTo(cny("300.00"));

        Attribution a = AttributionCalculator.compute(Q4_2024, reported("10000.00", "1000.00"),
                ledger.amountsIn(Q4_2024), BASELINE, NOT_METERED);
        assertThat(a.aiRevenueCny()).isEqualTo(cny("300.00"));
        assertThat(a.aiVoucherRevenueCny()).isEqualTo(cny("300.00"));
        assertThat(a.aiCashRevenueCny()).isEqualTo(cny("0.00"));
        assertThat(a.aiCashShareOfCloud()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(a.aiShareOfCloud()).isEqualTo(new BigDecimal("0.300000"));
        // Voucher revenue is never cash: nobody paid, so nobody is a paying customer.
        assertThat(a.payingCustomers()).isZero();
        assertThat(a.investees()).containsExactly(new InvesteeFigures("moonshot", cny("0.00"), cny("300.00"),
                cny("300.00"), cny("300.00")));
    }

    @Test
    void aLineOnAnExpiredVoucherIsRejectedAndNotAttributed() {
        InMemoryLedger ledger = new InMemoryLedger().voucher("v-zp", "zhipu", "1000.00", "2024-10-01", "2024-11-30");
        LedgerLine lastDay = voucherLine("z-1", "zhipu", Product.AI_COMPUTE, "200.00", "2024-11-30", "v-zp");
        Outcome expired = ledger.post(lastDay,
                voucherLine("z-2", "zhipu", Product.AI_COMPUTE, "100.00", "2024-12-01", "v-zp"));
        assertThat(expired.errors()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("z-2");
            assertThat(e.message()).contains("expired on 2024-11-30");
        });
        // Valid through its expiry date: the first line alone is fine.
        assertThat(ledger.post(lastDay).accepted()).isTrue();
        // Giving balance back after expiry is allowed: a negative correction is not a draw.
        assertThat(ledger.post(correction("z-1-c", lastDay, "-20.00", "2024-12-15")).accepted()).isTrue();
        assertThat(ledger.drawn("v-zp")).isEqualTo(cny("180.00"));

        Attribution a = AttributionCalculator.compute(Q4_2024, reported("10000.00", "1000.00"),
                ledger.amountsIn(Q4_2024), BASELINE, NOT_METERED);
        assertThat(a.aiVoucherRevenueCny()).isEqualTo(cny("180.00"));
        assertThat(a.ledgerTotalCny()).isEqualTo(cny("180.00"));
    }

    @Test
    void aFiscalQuarterIsTheSameQuarterAsItsCalendarName() {
        InMemoryLedger ledger = new InMemoryLedger();
        assertThat(ledger.post(
                cash("before", "acme", CustomerKind.EXTERNAL, Product.AI_APPS, "1.00", "2024-09-30"),
                cash("first", "acme", CustomerKind.EXTERNAL, Product.AI_APPS, "10.00", "2024-10-01"),
                cash("last", "acme", CustomerKind.EXTERNAL, Product.AI_APPS, "20.00", "2024-12-31"),
                cash("after", "acme", CustomerKind.EXTERNAL, Product.AI_APPS, "100.00", "2025-01-01")).accepted()).isTrue();
        Period fiscal = Period.parse("FY2025-Q3");
        Attribution byFiscal = AttributionCalculator.compute(fiscal, reported("1000.00", "100.00"),
                ledger.amountsIn(fiscal), BASELINE, NOT_METERED);
        Attribution byCalendar = AttributionCalculator.compute(Q4_2024, reported("1000.00", "100.00"),
                ledger.amountsIn(Q4_2024), BASELINE, NOT_METERED);

        // FY2025 runs 2024-04-01..2025-03-31, so its third quarter is October to December 2024.
        assertThat(byFiscal.period()).isEqualTo("2024-Q4");
        assertThat(byFiscal.fiscalQuarter()).isEqualTo("FY2025-Q3");
        assertThat(byFiscal.from()).hasToString("2024-10-01");
        assertThat(byFiscal.to()).hasToString("2024-12-31");
        assertThat(byFiscal.aiRevenueCny()).isEqualTo(cny("30.00"));   // only the first and last day's lines
        assertThat(byFiscal).isEqualTo(byCalendar);
    }

    @Test
    void withoutReportedRevenueTheRatiosThatNeedItAreNullAndTheLedgerFiguresStand() {
        InMemoryLedger ledger = handComputedLedger();
        Attribution a = AttributionCalculator.compute(Q4_2024, null, ledger.amountsIn(Q4_2024), BASELINE, NOT_METERED);

        assertThat(a.reported()).isFalse();
        assertThat(a.note()).contains("No group revenue is reported for 2024-Q4");
        assertThat(a.groupRevenueCny()).isNull();
        assertThat(a.cloudShare()).isNull();
        assertThat(a.cloudSharePct()).isNull();
        assertThat(a.shareGapPp()).isNull();
        assertThat(a.unattributedCny()).isNull();
        assertThat(a.aiShareOfCloud()).isNull();
        assertThat(a.aiCashShareOfCloud()).isNull();
        assertThat(a.shareWithoutAi()).isNull();
        assertThat(a.aiRevenueCny()).isEqualTo(cny("900.00"));
        assertThat(a.aiCashRevenueCny()).isEqualTo(cny("500.00"));
        assertThat(a.baselineShare()).isEqualTo(new BigDecimal("0.110000"));

        var r = a.reconciliation();
        assertThat(r.status()).isEqualTo(ReconciliationStatus.UNAVAILABLE);
        assertThat(r.detail()).contains("did not answer");
        assertThat(r.billedTokens()).isEqualTo(BigInteger.valueOf(2_500_000));
        assertThat(r.meteredTokens()).isNull();
        assertThat(r.differenceTokens()).isNull();
        assertThat(r.revenuePerMillionTokensCny()).isNull();
        assertThat(r.revenuePerMillionBilledTokensCny()).isEqualTo(new BigDecimal("100.000000"));
    }

    @Test
    void shareWithoutAiTakesAiCashOutOfBothCloudAndGroup() {
        InMemoryLedger ledger = new InMemoryLedger();
        ledger.post(cash("x", "acme", CustomerKind.EXTERNAL, Product.AI_COMPUTE, "31.00", "2024-11-01"));
        Attribution a = AttributionCalculator.compute(Q4_2024, reported("1000.00", "131.00"),
                ledger.amountsIn(Q4_2024), new BigDecimal("0.12"), NOT_METERED);
        // (131 − 31) ÷ (1,000 − 31) = 100 ÷ 969 = 0.10319917… → 0.103199; share 0.131 is 1.10 points above 12%.
        assertThat(a.shareWithoutAi()).isEqualTo(new BigDecimal("0.103199"));
        assertThat(a.shareGapPp()).isEqualTo(new BigDecimal("1.10"));
    }

    @Test
    void zeroMeteredTokensLeaveThePerTokenFiguresNull() {
        Attribution a = AttributionCalculator.compute(Q4_2024, null, List.of(), BASELINE, MeteredTokens.of(0));
        assertThat(a.reconciliation().status()).isEqualTo(ReconciliationStatus.OK);
        assertThat(a.reconciliation().differenceTokens()).isZero();
        assertThat(a.reconciliation().differenceRatio()).isNull();
        assertThat(a.reconciliation().revenuePerMillionTokensCny()).isNull();
    }

    @Test
    void onlyAQuarterCanBeAttributed() {
        assertThatThrownBy(() -> AttributionCalculator.compute(Period.parse("2024-11"), null, List.of(), BASELINE,
                NOT_METERED)).isInstanceOf(InvalidPeriodException.class).hasMessageContaining("not a quarter");
    }

    @Test
    void everyRatioNamesItsDefinition() {
        Attribution a = AttributionCalculator.compute(Q4_2024, null, List.of(), BASELINE, NOT_METERED);
        assertThat(a.definitions()).containsEntry("cloudShare", "cloud-share")
                .containsEntry("shareWithoutAi", "share-without-ai")
                .containsEntry("aiCashRevenueCny", "ai-cash-revenue");
    }
}
