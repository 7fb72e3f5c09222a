package aikpi.billing.ledger;

import static aikpi.billing.ledger.InMemoryLedger.cash;
import static aikpi.billing.ledger.InMemoryLedger.correction;
import static aikpi.billing.ledger.InMemoryLedger.tokens;
import static aikpi.billing.ledger.InMemoryLedger.voucherLine;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.ledger.LedgerLineValidator.Candidate;
import aikpi.billing.ledger.LedgerRules.Outcome;
import aikpi.platform.problem.ItemError;
import aikpi.vocabulary.Money;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerRulesTest {

    private static final LedgerLine BILLED = cash("b-1", "acme", CustomerKind.EXTERNAL, Product.IAAS, "100.00", "2024-11-01");

    private static String describe(Outcome o) {
        return o.errors().stream().map(e -> e.index() + ":" + e.field()).toList().toString();
    }

    @Test
    void aCorrectionInTheSameBatchMayFollowTheLineItCorrectsButNotPrecedeIt() {
        InMemoryLedger ledger = new InMemoryLedger();
        Outcome wrongOrder = ledger.post(correction("b-1-c", BILLED, "-10.00", "2024-11-02"), BILLED);
        assertThat(describe(wrongOrder)).isEqualTo("[0:correctionOf]");
        assertThat(wrongOrder.errors().get(0).message()).contains("comes later in this batch (index 1)");

        assertThat(ledger.post(BILLED, correction("b-1-c", BILLED, "-10.00", "2024-11-02")).accepted()).isTrue();
    }

    @Test
    void aCorrectionNamesAKnownOriginalLineWithTheSameCustomerProductAndFunding() {
        InMemoryLedger ledger = new InMemoryLedger();
        ledger.post(BILLED, correction("b-1-c", BILLED, "5.00", "2024-11-03"));

        Outcome unknown = ledger.post(correction("x-c", cash("nope", "acme", CustomerKind.EXTERNAL, Product.IAAS,
                "1.00", "2024-11-01"), "-1.00", "2024-11-04"));
        assertThat(unknown.errors().get(0).message()).contains("not in the ledger");

        LedgerLine firstCorrection = correction("b-1-c", BILLED, "5.00", "2024-11-03");
        Outcome ofACorrection = ledger.post(correction("b-1-c-c", firstCorrection, "-1.00", "2024-11-04"));
        assertThat(ofACorrection.errors().get(0).message()).contains("itself a correction of 'b-1'");

        LedgerLine otherCustomer = new LedgerLine("m-c", "beta", CustomerKind.EXTERNAL, null, BILLED.bookedOn(),
                Product.PAAS, Money.cny("-1.00"), Funding.CASH, null, null, "b-1", null, null);
        Outcome mismatch = ledger.post(otherCustomer);
        assertThat(describe(mismatch)).isEqualTo("[0:correctionOf]");
        assertThat(mismatch.errors().get(0).message()).contains("customerId (acme, not beta)")
                .contains("product (IAAS, not PAAS)");

        Outcome tooEarly = ledger.post(correction("early-c", BILLED, "-1.00", "2024-10-31"));
        assertThat(describe(tooEarly)).isEqualTo("[0:bookedOn]");
    }

    @Test
    void correctionsCannotTakeALineBelowZero() {
        InMemoryLedger ledger = new InMemoryLedger();
        ledger.post(BILLED, correction("c-1", BILLED, "-60.00", "2024-11-02"));
        // 100 − 60 = 40 stands; −41 would make it −1, −40 makes it zero.
        Outcome below = ledger.post(correction("c-2", BILLED, "-41.00", "2024-11-03"));
        assertThat(below.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("amountCny");
            assertThat(e.message()).contains("from 40.00 to -1.00");
        });
        assertThat(ledger.post(correction("c-2", BILLED, "-40.00", "2024-11-03")).accepted()).isTrue();
    }

    @Test
    void tokenCorrectionsCannotTakeBilledTokensBelowZero() {
        InMemoryLedger ledger = new InMemoryLedger();
        LedgerLine maas = tokens(cash("t-1", "acme", CustomerKind.EXTERNAL, Product.MAAS_TOKENS, "10.00", "2024-11-01"), 1_000);
        ledger.post(maas);
        Outcome below = ledger.post(tokens(correction("t-1-c", maas, "0.00", "2024-11-02"), -1_001));
        assertThat(describe(below)).isEqualTo("[0:tokens]");
        assertThat(ledger.post(tokens(correction("t-1-c", maas, "-1.00", "2024-11-02"), -1_000)).accepted()).isTrue();
    }

    @Test
    void voucherDrawsAreCheckedLineByLineAgainstTheBalance() {
        InMemoryLedger ledger = new InMemoryLedger().voucher("v", "minimax", "100.00", "2024-10-01", "2024-12-31");
        Outcome batch = ledger.post(
                voucherLine("a", "minimax", Product.AI_COMPUTE, "60.00", "2024-10-02", "v"),
                voucherLine("b", "minimax", Product.AI_COMPUTE, "40.00", "2024-10-03", "v"),
                voucherLine("c", "minimax", Product.AI_COMPUTE, "0.01", "2024-10-04", "v"));
        assertThat(describe(batch)).isEqualTo("[2:voucherId]");
        assertThat(batch.drawdowns()).isEmpty();
        assertThat(ledger.drawn("v")).isEqualTo(Money.cny("0.00"));

        Outcome exact = ledger.post(
                voucherLine("a", "minimax", Product.AI_COMPUTE, "60.00", "2024-10-02", "v"),
                voucherLine("b", "minimax", Product.AI_COMPUTE, "40.00", "2024-10-03", "v"));
        assertThat(exact.drawdowns()).containsEntry("v", Money.cny("100.00"));
        assertThat(ledger.drawn("v")).isEqualTo(Money.cny("100.00"));
    }

    @Test
    void aNegativeCorrectionGivesVoucherBalanceBackAndMakesRoomForANewDraw() {
        InMemoryLedger ledger = new InMemoryLedger().voucher("v", "minimax", "100.00", "2024-10-01", "2024-12-31");
        LedgerLine drawn = voucherLine("a", "minimax", Product.AI_COMPUTE, "100.00", "2024-10-02", "v");
        ledger.post(drawn);
        Outcome refund = ledger.post(correction("a-c", drawn, "-30.00", "2024-10-05"),
                voucherLine("b", "minimax", Product.AI_COMPUTE, "30.00", "2024-10-06", "v"));
        assertThat(refund.accepted()).isTrue();
        assertThat(refund.drawdowns()).containsEntry("v", Money.cny("0.00"));
        assertThat(ledger.drawn("v")).isEqualTo(Money.cny("100.00"));
    }

    @Test
    void aVoucherPaysOnlyForItsOwnCustomerWithinItsValidity() {
        InMemoryLedger ledger = new InMemoryLedger().voucher("v", "minimax", "100.00", "2024-10-10", "2024-12-31");
        Outcome o = ledger.post(
                voucherLine("other", "baichuan", Product.AI_COMPUTE, "1.00", "2024-11-01", "v"),
                voucherLine("early", "minimax", Product.AI_COMPUTE, "1.00", "2024-10-09", "v"),
                voucherLine("late", "minimax", Product.AI_COMPUTE, "1.00", "2025-01-01", "v"),
                voucherLine("ghost", "minimax", Product.AI_COMPUTE, "1.00", "2024-11-01", "no-such-voucher"),
                voucherLine("fine", "minimax", Product.AI_COMPUTE, "1.00", "2024-10-10", "v"));
        assertThat(o.errors()).extracting(ItemError::id).containsExactly("other", "early", "late", "ghost");
        assertThat(o.errors().get(0).message()).contains("belongs to customer 'minimax'");
        assertThat(o.errors().get(1).message()).contains("issued on 2024-10-10");
        assertThat(o.errors().get(2).message()).contains("expired on 2024-12-31");
        assertThat(o.errors().get(3).message()).contains("no voucher 'no-such-voucher'");
    }

    @Test
    void aPositiveCorrectionIsADrawAndMustFallWithinTheVouchersValidity() {
        InMemoryLedger ledger = new InMemoryLedger().voucher("v", "minimax", "100.00", "2024-10-01", "2024-10-31");
        LedgerLine drawn = voucherLine("a", "minimax", Product.AI_COMPUTE, "10.00", "2024-10-02", "v");
        ledger.post(drawn);
        assertThat(describe(ledger.post(correction("a-c", drawn, "5.00", "2024-11-02")))).isEqualTo("[0:voucherId]");
        assertThat(ledger.post(correction("a-c", drawn, "5.00", "2024-10-31")).accepted()).isTrue();
        assertThat(ledger.drawn("v")).isEqualTo(Money.cny("15.00"));
    }

    @Test
    void linesThatFailedTheirOwnChecksDoNotCauseFollowUpErrors() {
        LedgerLine fix = correction("fix", BILLED, "-1.00", "2024-11-02");
        Outcome o = LedgerRules.check(List.of(new Candidate(1, fix)), Map.of(), Map.of(), Set.of("b-1"));
        assertThat(o.accepted()).isTrue();
    }
}
