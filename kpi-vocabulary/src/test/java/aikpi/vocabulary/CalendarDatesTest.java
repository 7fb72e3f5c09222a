package aikpi.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CalendarDatesTest {

    @Test
    void theRangeHoldsItsEndsAndNothingBeyond() {
        assertThat(CalendarDates.isInRange(LocalDate.parse("1990-01-01"))).isTrue();
        assertThat(CalendarDates.isInRange(LocalDate.parse("2199-12-31"))).isTrue();
        assertThat(CalendarDates.isInRange(LocalDate.parse("1989-12-31"))).isFalse();
        assertThat(CalendarDates.isInRange(LocalDate.parse("2200-01-01"))).isFalse();
        assertThat(CalendarDates.isInRange(LocalDate.MIN)).isFalse();
        assertThat(CalendarDates.isInRange(LocalDate.MAX)).isFalse();
    }

    @Test
    void anAbsurdDateIsNamedWithItsFieldAndTheRange() {
        assertThat(CalendarDates.check("releaseDate", null)).isNull();
        assertThat(CalendarDates.check("releaseDate", LocalDate.parse("2025-04-29"))).isEqualTo("2025-04-29");
        assertThatThrownBy(() -> CalendarDates.check("releaseDate", LocalDate.parse("1582-10-10")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("releaseDate must be a date from 1990-01-01 to 2199-12-31 (was 1582-10-10).");
    }

    @Test
    void aDateInAQueryIsParsedOrRefusedNamingItsParameter() {
        assertThat(CalendarDates.parse("from", "2025-01-06")).isEqualTo("2025-01-06");
        assertThatThrownBy(() -> CalendarDates.parse("from", "2025-13-01"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("from must be a date as 2025-03-14; got '2025-13-01'.");
        assertThatThrownBy(() -> CalendarDates.parse("to", "1582-10-10"))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("to must be a date from 1990-01-01");
    }
}
