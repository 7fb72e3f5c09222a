package aikpi.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void cloudShareOfTheArticlesQuarterIsElevenPointThreeThreePercent() {
        BigDecimal share = Money.ratio(Money.cny("31742000000"), Money.cny("280154000000"));
        assertThat(share).isEqualByComparingTo("0.113302");
        assertThat(Money.percentagePoints(share)).isEqualByComparingTo("11.33");
    }

    @Test
    void amountsKeepFenAndRefuseSmallerUnits() {
        assertThat(Money.cny("12.5").toPlainString()).isEqualTo("12.50");
        assertThatThrownBy(() -> Money.cny("0.001")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.isStorable(new BigDecimal("0.001"))).isFalse();
        assertThat(Money.isStorable(new BigDecimal("1.10"))).isTrue();
        assertThat(Money.isStorable(new BigDecimal("1e20"))).isFalse();
    }

    @Test
    void aPlainNumberHasNoTrailingZerosAndNoExponent() {
        assertThat(Money.plain(new BigDecimal("1200000.000000")).toString()).isEqualTo("1200000");
        assertThat(Money.plain(new BigDecimal("1.2E+6")).toString()).isEqualTo("1200000");
        assertThat(Money.plain(new BigDecimal("0.600000")).toString()).isEqualTo("0.6");
        assertThat(Money.plain(null)).isNull();
    }

    @Test
    void ratioOfNothingIsUnknownNotZero() {
        assertThat(Money.ratio(BigDecimal.ONE, BigDecimal.ZERO)).isNull();
        assertThat(Money.ratio(3, 0)).isNull();
        assertThat(Money.ratio(1, 3)).isEqualByComparingTo("0.333333");
    }
}
