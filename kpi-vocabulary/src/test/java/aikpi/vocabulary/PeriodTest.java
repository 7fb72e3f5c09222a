package aikpi.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void fiscalYearStartsInAprilAndIsNamedAfterTheYearItEnds() {
        Period q3 = Period.parse("FY2025-Q3");
        assertThat(q3.firstDay()).isEqualTo(LocalDate.of(2024, 10, 1));
        assertThat(q3.lastDay()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(Period.parse("FY2025-Q1").firstDay()).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(Period.parse("FY2025-Q4").lastDay()).isEqualTo(LocalDate.of(2025, 3, 31));
    }

    @Test
    void fiscalAndCalendarNamesOfTheSameQuarterCoverTheSameDays() {
        Period fiscal = Period.parse("FY2025-Q3");
        Period calendar = Period.parse("2024-Q4");
        assertThat(fiscal.sameDaysAs(calendar)).isTrue();
        assertThat(fiscal.asCalendarQuarter().label()).isEqualTo("2024-Q4");
        assertThat(calendar.asFiscalQuarter().label()).isEqualTo("FY2025-Q3");
        assertThat(Period.parse("2025-Q1").asFiscalQuarter().label()).isEqualTo("FY2025-Q4");
        assertThat(Period.parse("2025-Q2").asFiscalQuarter().label()).isEqualTo("FY2026-Q1");
    }

    @Test
    void previousPeriodKeepsTheKindAndCrossesYearBoundaries() {
        assertThat(Period.parse("2025-Q1").previous().label()).isEqualTo("2024-Q4");
        assertThat(Period.parse("FY2025-Q1").previous().label()).isEqualTo("FY2024-Q4");
        assertThat(Period.parse("FY2025-Q4").previous().label()).isEqualTo("FY2025-Q3");
        assertThat(Period.parse("2025-01").previous().label()).isEqualTo("2024-12");
        assertThat(Period.parse("2024-03-01").previous().label()).isEqualTo("2024-02-29");
    }

    @Test
    void daysAreCutInTheReportingZone() {
        Period day = Period.parse("2025-03-14");
        // Midnight in Shanghai is 16:00 UTC the day before.
        assertThat(day.start(SHANGHAI)).isEqualTo(Instant.parse("2025-03-13T16:00:00Z"));
        assertThat(day.end(SHANGHAI)).isEqualTo(Instant.parse("2025-03-14T16:00:00Z"));
        assertThat(day.start(ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
    }

    @Test
    void quarterListsItsDaysAndMonths() {
        Period q = Period.parse("2024-Q1");
        assertThat(q.lengthInDays()).isEqualTo(91); // 2024 is a leap year
        assertThat(q.days()).hasSize(91).startsWith(LocalDate.of(2024, 1, 1)).endsWith(LocalDate.of(2024, 3, 31));
        assertThat(q.months()).containsExactly(YearMonth.of(2024, 1), YearMonth.of(2024, 2), YearMonth.of(2024, 3));
        assertThat(Period.parse("2025-02").months()).containsExactly(YearMonth.of(2025, 2));
    }

    @Test
    void parsesCaseInsensitivelyAndGivesCanonicalLabels() {
        assertThat(Period.parse("fy2025-q3").label()).isEqualTo("FY2025-Q3");
        assertThat(Period.parse(" 2025-q1 ").kind()).isEqualTo(PeriodKind.QUARTER);
        assertThat(Period.parse("2025-03").kind()).isEqualTo(PeriodKind.MONTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025", "2025-Q5", "2025-13", "2025-02-30", "Q1-2025", "FY25-Q1", "yesterday", "0000-01"})
    void rejectsWhatIsNotAPeriodAndSaysWhatIsAccepted(String text) {
        assertThatThrownBy(() -> Period.parse(text))
                .isInstanceOf(InvalidPeriodException.class)
                .hasMessageContaining("FY2025-Q3");
    }

    @Test
    void fiscalYearRunsAprilToMarchAndHoldsItsFourQuarters() {
        Period fy = Period.parse("fy2026");
        assertThat(fy.kind()).isEqualTo(PeriodKind.FISCAL_YEAR);
        assertThat(fy.label()).isEqualTo("FY2026");
        assertThat(fy.firstDay()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(fy.lastDay()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(fy.lengthInDays()).isEqualTo(365);
        assertThat(Period.parse("FY2024").lengthInDays()).isEqualTo(366); // holds 29 February 2024
        assertThat(fy.previous().label()).isEqualTo("FY2025");
        assertThat(fy.fiscalQuarters()).extracting(Period::label)
                .containsExactly("FY2026-Q1", "FY2026-Q2", "FY2026-Q3", "FY2026-Q4");
        assertThat(fy.isQuarter()).isFalse();
        assertThat(Period.parse("2025-Q2").fiscalYear()).isEqualTo(2026);
        assertThat(Period.parse("2025-Q1").fiscalYear()).isEqualTo(2025);
        assertThat(Period.parse("2025-Q1").fiscalQuarters()).extracting(Period::label).containsExactly("FY2025-Q4");
        assertThat(Period.parse("2025-03").fiscalQuarters()).isEmpty();
    }

    @Test
    void rejectsMissingPeriod() {
        assertThatThrownBy(() -> Period.parse(null)).isInstanceOf(InvalidPeriodException.class);
        assertThatThrownBy(() -> Period.parse(" ")).isInstanceOf(InvalidPeriodException.class);
    }

    @Test
    void onlyQuartersHaveQuarterAliases() {
        assertThatThrownBy(() -> Period.parse("2025-03").asFiscalQuarter()).isInstanceOf(InvalidPeriodException.class);
    }
}
