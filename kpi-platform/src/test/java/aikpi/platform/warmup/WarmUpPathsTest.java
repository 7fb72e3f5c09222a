package aikpi.platform.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpPathsTest {

    private static final List<String> PATHS = List.of("/api/v1/attribution?period={quarter}",
            "/api/v1/kpis?period={fiscalQuarter}", "/api/v1/kpis?period={previousFiscalQuarter}",
            "/api/v1/completeness?period={fiscalYear}", "/health");

    @Test
    void fillsInTheQuartersAndTheFiscalYearRunningOnTheDay() {
        // 7 December 2026: October–December 2026 is 2026-Q4, the third quarter of the fiscal year from 1 April 2026.
        assertThat(WarmUpPaths.expand(PATHS, LocalDate.of(2026, 12, 7))).containsExactly(
                "/api/v1/attribution?period=2026-Q4", "/api/v1/kpis?period=FY2027-Q3",
                "/api/v1/kpis?period=FY2027-Q2", "/api/v1/completeness?period=FY2027", "/health");
    }

    @Test
    void theFiscalYearsLastQuarterIsInTheNextCalendarYear() {
        // 10 February 2026: January–March 2026 closes the fiscal year that began on 1 April 2025.
        assertThat(WarmUpPaths.expand(PATHS, LocalDate.of(2026, 2, 10))).containsExactly(
                "/api/v1/attribution?period=2026-Q1", "/api/v1/kpis?period=FY2026-Q4",
                "/api/v1/kpis?period=FY2026-Q3", "/api/v1/completeness?period=FY2026", "/health");
    }
}
