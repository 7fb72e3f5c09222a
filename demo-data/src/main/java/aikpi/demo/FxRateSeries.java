package aikpi.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Daily USD and EUR rates to CNY for the demo's two years, loaded before the FOCUS import so that files in those
 * currencies convert. Synthetic: a mean-reverting walk around plausible levels (USD about 7.18, EUR about 7.85), four
 * decimals, from a generator of its own; every row's source says it is synthetic, not a published rate.
 */
final class FxRateSeries {

    static final String SOURCE = "synthetic demo series, not a published rate";
    private static final long SEED = 29;

    private FxRateSeries() {
    }

    static DemoDataSet.Step step() {
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder csv = new StringBuilder("date,currency,cnyPerUnit,source\n");
        double usd = 7.10;
        double eur = 7.80;
        int rows = 0;
        for (LocalDate d = DemoDataSet.FIRST_DAY; !d.isAfter(DemoDataSet.LAST_DAY); d = d.plusDays(1)) {
            usd += 0.05 * (7.18 - usd) + random.nextGaussian() * 0.012;
            eur += 0.05 * (7.85 - eur) + random.nextGaussian() * 0.020;
            csv.append(d).append(",USD,").append(four(usd)).append(',').append(SOURCE).append('\n');
            csv.append(d).append(",EUR,").append(four(eur)).append(',').append(SOURCE).append('\n');
            rows += 2;
        }
        return new DemoDataSet.Step("cloud-billing-service", "USD and EUR rates to CNY, daily (synthetic)",
                List.of(new DemoDataSet.Request("POST", "/api/v1/fx-rates", csv.toString(), rows, "text/csv")));
    }

    private static String four(double rate) {
        return BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }
}
