package aikpi.platform.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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

    private static final List<String> WITH_DATA = List.of("/api/v1/kpis?period={fiscalQuarter}",
            "/api/v1/kpis?period={fiscalYear}", "/api/v1/kpis?period={dataFiscalQuarter}",
            "/api/v1/kpis?period={dataFiscalYear}", "/api/v1/attribution?period={dataQuarter}");

    @Test
    void asksThePeriodsHoldingTheLatestDataBesideTheRunningOnes() {
        // Data through 20 September 2025: July–September 2025 is 2025-Q3, the second quarter of FY2026.
        assertThat(WarmUpPaths.expand(WITH_DATA, LocalDate.of(2026, 12, 7), Optional.of(LocalDate.of(2025, 9, 20))))
                .containsExactly("/api/v1/kpis?period=FY2027-Q3", "/api/v1/kpis?period=FY2027",
                        "/api/v1/kpis?period=FY2026-Q2", "/api/v1/kpis?period=FY2026",
                        "/api/v1/attribution?period=2025-Q3");
    }

    @Test
    void withoutDataOnlyTheRunningPeriodsAreAsked() {
        assertThat(WarmUpPaths.expand(WITH_DATA, LocalDate.of(2026, 12, 7), Optional.empty()))
                .containsExactly("/api/v1/kpis?period=FY2027-Q3", "/api/v1/kpis?period=FY2027");
    }

    @Test
    void dataOfTheRunningQuarterIsAskedOnce() {
        assertThat(WarmUpPaths.expand(WITH_DATA, LocalDate.of(2026, 12, 7), Optional.of(LocalDate.of(2026, 12, 6))))
                .containsExactly("/api/v1/kpis?period=FY2027-Q3", "/api/v1/kpis?period=FY2027",
                        "/api/v1/attribution?period=2026-Q4");
    }
}
