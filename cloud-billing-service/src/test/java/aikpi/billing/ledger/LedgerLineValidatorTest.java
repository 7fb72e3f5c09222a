package aikpi.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.ledger.LedgerLineValidator.Validated;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerLineValidatorTest {

    private static final LocalDate LATEST = LocalDate.parse("2025-06-01");

    private static LedgerLineRequest line(String id, String kind, String bu, String date, String product, String amount,
                                          String funding, String voucher, Long tokens, String correctionOf) {
        return new LedgerLineRequest(id, "acme", kind, bu, date == null ? null : LocalDate.parse(date), product,
                amount == null ? null : new BigDecimal(amount), funding, voucher, tokens, correctionOf);
    }

    private static List<String> errors(LedgerLineRequest... batch) {
        Validated v = LedgerLineValidator.validate(List.of(batch), LATEST);
        return v.errors().stream().map(e -> e.index() + ":" + e.field()).toList();
    }

    @Test
    void aWellFormedLinePassesAndKeepsItsAmountAtFenScale() {
        Validated v = LedgerLineValidator.validate(List.of(
                line("a", "EXTERNAL", null, "2025-01-01", "MAAS_TOKENS", "12.5", "CASH", null, 10L, null)), LATEST);
        assertThat(v.errors()).isEmpty();
        assertThat(v.candidates()).singleElement().satisfies(c -> {
            assertThat(c.line().amountCny()).isEqualTo(new BigDecimal("12.50"));
            assertThat(c.line().product()).isEqualTo(Product.MAAS_TOKENS);
        });
    }

    @Test
    void tokensBelongToMaasLinesAndBusinessUnitsToInternalLines() {
        assertThat(errors(
                line("a", "EXTERNAL", null, "2025-01-01", "MAAS_TOKENS", "1", "CASH", null, null, null),
                line("b", "EXTERNAL", null, "2025-01-01", "IAAS", "1", "CASH", null, 1L, null),
                line("c", "INTERNAL", null, "2025-01-01", "IAAS", "1", "CASH", null, null, null),
                line("d", "INVESTEE", "taobao", "2025-01-01", "IAAS", "1", "CASH", null, null, null),
                line("e", "INTERNAL", "Tao Bao", "2025-01-01", "IAAS", "1", "CASH", null, null, null),
                line("f", "EXTERNAL", null, "2025-01-01", "MAAS_TOKENS", "1", "CASH", null, -1L, null)))
                .containsExactly("0:tokens", "1:tokens", "2:businessUnit", "3:businessUnit", "4:businessUnit", "5:tokens");
    }

    @Test
    void onlyCorrectionsMayBeNegative() {
        assertThat(errors(
                line("a", "EXTERNAL", null, "2025-01-01", "IAAS", "-1", "CASH", null, null, null),
                line("b", "EXTERNAL", null, "2025-01-01", "IAAS", "-1", "CASH", null, null, "x"),
                line("c", "EXTERNAL", null, "2025-01-01", "MAAS_TOKENS", "-1", "CASH", null, -5L, "x"),
                line("d", "EXTERNAL", null, "2025-01-01", "IAAS", "1", "CASH", null, null, "d")))
                .containsExactly("0:amountCny", "3:correctionOf");
    }

    @Test
    void fundingAndVoucherGoTogether() {
        assertThat(errors(
                line("a", "INVESTEE", null, "2025-01-01", "IAAS", "1", "VOUCHER", null, null, null),
                line("b", "INVESTEE", null, "2025-01-01", "IAAS", "1", "CASH", "v", null, null),
                line("c", "INVESTEE", null, "2025-01-01", "IAAS", "1", "GIFT", null, null, null)))
                .containsExactly("0:voucherId", "1:voucherId", "2:funding");
    }

    @Test
    void datesMustBePlausibleAndEverythingIsRequired() {
        assertThat(errors(
                line("a", "EXTERNAL", null, "2025-06-02", "IAAS", "1", "CASH", null, null, null),
                line("b", "EXTERNAL", null, "2008-12-31", "IAAS", "1", "CASH", null, null, null),
                line(null, null, null, null, null, null, null, null, null, null)))
                .containsExactly("0:bookedOn", "1:bookedOn", "2:lineId", "2:customerKind", "2:bookedOn", "2:product",
                        "2:amountCny", "2:funding");
    }

    @Test
    void aRepeatedIdIsOneCandidateAndABrokenLineIsRemembered() {
        var ok = line("same", "EXTERNAL", null, "2025-01-01", "IAAS", "1", "CASH", null, null, null);
        Validated v = LedgerLineValidator.validate(List.of(ok, ok), LATEST);
        assertThat(v.candidates()).hasSize(1);
        Validated broken = LedgerLineValidator.validate(
                List.of(line("bad", "EXTERNAL", null, "2025-01-01", "IAAS", "-1", "CASH", null, null, null)), LATEST);
        assertThat(broken.invalidIds()).containsExactly("bad");
        assertThat(broken.candidates()).isEmpty();
    }
}
