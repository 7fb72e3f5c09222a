package aikpi.quark.days;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.audience.BucketRange;
import aikpi.quark.audience.PeriodWindow;
import aikpi.vocabulary.Period;
import java.time.LocalDate;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DayCoverageTest {

    @Test
    void onlyTheDaysThePipelineSentAndTheMonthsTheyFallInAreCounted() {
        DayCoverage sent = new DayCoverage(new TreeSet<>(java.util.List.of(LocalDate.of(2025, 1, 31),
                LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 20))), 14, 14, 14);
        // A quarter running until Mar 10: Mar 20 has not begun.
        PeriodWindow q1 = new PeriodWindow(Period.parse("2025-Q1"), LocalDate.of(2025, 3, 10));
        assertThat(sent.countedDays(q1)).containsExactly(LocalDate.of(2025, 1, 31), LocalDate.of(2025, 3, 1));
        assertThat(sent.countedMonths(q1)).extracting(BucketRange::from)
                .containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1));
        // A one-day period whose day was not sent counts nothing.
        PeriodWindow feb = new PeriodWindow(Period.parse("2025-02-14"), LocalDate.of(2030, 1, 1));
        assertThat(sent.countedDays(feb)).isEmpty();
        assertThat(sent.countedMonths(feb)).isEmpty();
    }
}
