package aikpi.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumberTextTest {

    @Test
    void numbersWithinBoundsPass() {
        for (String n : new String[] {"0", "-12.50", "99999999999999999.99", "1" + "0".repeat(39), "1.5e3", "1E+100",
            "1e-100", "2.5E0100", "-0.0", "12.50"}) {
            assertThat(NumberText.problem(n)).as(n).isNull();
        }
    }

    @Test
    void tooManyDigitsOrTooLargeAnExponentAreRefusedWithoutConverting() {
        assertThat(NumberText.problem("1e999999999")).startsWith("has an exponent beyond ±100");
        assertThat(NumberText.problem("1E-999999999")).startsWith("has an exponent beyond ±100");
        assertThat(NumberText.problem("1e" + "9".repeat(1_000_000))).startsWith("has an exponent beyond ±100");
        assertThat(NumberText.problem("1e101")).startsWith("has an exponent beyond ±100");
        assertThat(NumberText.problem("1" + "0".repeat(40))).isEqualTo("has 41 digits; at most 40 are allowed");
        assertThatThrownBy(() -> NumberText.require("amountCny", "1e999999999"))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("amountCny has an exponent");
    }
}
