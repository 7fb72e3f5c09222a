package aikpi.billing.grouprevenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.vocabulary.InvalidPeriodException;
import aikpi.vocabulary.InvalidRequestException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class GroupRevenueRulesTest {

    private static GroupRevenueRequest figures(String group, String cloud) {
        return new GroupRevenueRequest(group == null ? null : new BigDecimal(group),
                cloud == null ? null : new BigDecimal(cloud), "results");
    }

    @Test
    void bothNamesOfAQuarterGiveItsCalendarName() {
        assertThat(GroupRevenueRules.quarter("FY2025-Q3").label()).isEqualTo("2024-Q4");
        assertThat(GroupRevenueRules.quarter("2024-Q4").label()).isEqualTo("2024-Q4");
        assertThat(GroupRevenueRules.quarter("fy2026-q1").label()).isEqualTo("2025-Q2");
        assertThatThrownBy(() -> GroupRevenueRules.quarter("2024-12")).isInstanceOf(InvalidPeriodException.class);
        assertThatThrownBy(() -> GroupRevenueRules.quarter("2024-12-31")).isInstanceOf(InvalidPeriodException.class);
    }

    @Test
    void cloudIsPartOfTheGroupAndNeitherIsNegativeOrFinerThanAFen() {
        assertThatCode(() -> GroupRevenueRules.check(figures("280154000000", "31742000000"))).doesNotThrowAnyException();
        assertThatCode(() -> GroupRevenueRules.check(figures("100.00", "100.00"))).doesNotThrowAnyException();
        assertThatCode(() -> GroupRevenueRules.check(figures("100.10", "0"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> GroupRevenueRules.check(figures("100", "100.01")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot exceed");
        assertThatThrownBy(() -> GroupRevenueRules.check(figures("-1", "0"))).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> GroupRevenueRules.check(figures("0", "0"))).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> GroupRevenueRules.check(figures("1.001", "0.5"))).hasMessageContaining("two decimals");
        assertThatThrownBy(() -> GroupRevenueRules.check(figures(null, null)))
                .hasMessageContaining("groupRevenueCny is required").hasMessageContaining("cloudRevenueCny is required");
        assertThatThrownBy(() -> GroupRevenueRules.check(new GroupRevenueRequest(BigDecimal.TEN, BigDecimal.ONE, " ")))
                .hasMessageContaining("source is required");
    }
}
