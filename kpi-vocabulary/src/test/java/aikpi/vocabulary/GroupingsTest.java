package aikpi.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GroupingsTest {

    enum Breakdown { TOTAL, CUSTOMER, CUSTOMER_KIND }

    @Test
    void wireNamesAreCamelCaseAndParsedBack() {
        assertThat(Groupings.label(Breakdown.CUSTOMER_KIND)).isEqualTo("customerKind");
        assertThat(Groupings.parse(Breakdown.class, Breakdown.TOTAL, "customerKind")).isEqualTo(Breakdown.CUSTOMER_KIND);
        assertThat(Groupings.parse(Breakdown.class, Breakdown.TOTAL, "CUSTOMER_KIND")).isEqualTo(Breakdown.CUSTOMER_KIND);
        assertThat(Groupings.parse(Breakdown.class, Breakdown.TOTAL, null)).isEqualTo(Breakdown.TOTAL);
    }

    @Test
    void anUnknownOrTheTotalNameIsRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> Groupings.parse(Breakdown.class, Breakdown.TOTAL, "region"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("customer, customerKind");
        assertThatThrownBy(() -> Groupings.parse(Breakdown.class, Breakdown.TOTAL, "total"))
                .isInstanceOf(InvalidRequestException.class);
    }
}
