package aikpi.billing.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSumTest {

    @Test
    void sumsExactlyAsBigDecimalDoesWhateverTheScales() {
        SplittableRandom random = new SplittableRandom(15);
        for (int run = 0; run < 200; run++) {
            ExactSum sum = new ExactSum();
            BigDecimal expected = BigDecimal.ZERO;
            for (int i = 0; i < 500; i++) {
                BigDecimal x = BigDecimal.valueOf(random.nextLong(-10_000_000_000L, 10_000_000_000L), random.nextInt(-2, 10));
                sum.add(x);
                expected = expected.add(x);
            }
            assertThat(sum.value()).isEqualTo(expected); // value and scale
            assertThat(sum.signum()).isEqualTo(expected.signum());
        }
    }

    @Test
    void goesOnExactlyPastWhatALongHolds() {
        ExactSum sum = new ExactSum();
        BigDecimal big = new BigDecimal("9223372036854775.807"); // Long.MAX_VALUE thousandths
        sum.add(big);
        sum.add(new BigDecimal("0.001"));
        sum.add(new BigDecimal("0.0000000001")); // a scale that no longer fits either
        sum.add(new BigDecimal(BigInteger.TEN.pow(30)));
        assertThat(sum.value()).isEqualTo(big.add(new BigDecimal("0.001")).add(new BigDecimal("0.0000000001"))
                .add(new BigDecimal(BigInteger.TEN.pow(30))));
        sum.add(sum.value().negate());
        assertThat(sum.signum()).isZero();
    }

    @Test
    void anEmptySumIsZero() {
        assertThat(new ExactSum().value()).isEqualTo(BigDecimal.ZERO);
        assertThat(new ExactSum().signum()).isZero();
    }
}
