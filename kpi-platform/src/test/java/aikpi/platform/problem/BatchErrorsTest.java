package aikpi.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BatchErrorsTest {

    @Test
    void aBatchNamesEveryMissingOrAbsurdDate() {
        BatchErrors errors = new BatchErrors();
        assertThat(errors.requireDate(0, "a", "date", LocalDate.parse("2024-06-01"))).isTrue();
        assertThat(errors.requireDate(1, "b", "date", null)).isFalse();
        assertThat(errors.requireDate(2, "c", "date", LocalDate.parse("0001-01-01"))).isFalse();
        assertThatThrownBy(errors::throwIfAny).isInstanceOfSatisfying(BatchRejectedException.class,
                e -> assertThat(e.errors()).extracting(x -> x.index() + ":" + x.field() + ":" + x.message())
                        .containsExactly("1:date:is required",
                                "2:date:must be a date from 1990-01-01 to 2199-12-31 (was 0001-01-01)"));
    }
}
