package aikpi.quark.audience;

import aikpi.quark.firstseen.FirstSeenChange;
import aikpi.quark.rollup.Interval;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

class SketchRollupTest {

    @Test
    void theUsersFirstSeenInAnAppGoIntoTheirDaysAndMonthsNewUserSketches() {
        List<FirstSeenChange> written = List.of(
                new FirstSeenChange("app:quark", "ann", LocalDate.of(2025, 3, 14), null),
                // A user seen earlier than recorded goes into the new day's sketches.
                new FirstSeenChange("app:quark", "bob", LocalDate.of(2025, 3, 14), LocalDate.of(2025, 3, 20)),
                new FirstSeenChange("app:amap", "ann", LocalDate.of(2025, 4, 2), null),
                // A unit's and the group's first days are not an app's.
                new FirstSeenChange("unit:quark", "ann", LocalDate.of(2025, 3, 14), null),
                new FirstSeenChange("all", "ann", LocalDate.of(2025, 3, 14), null));
        SortedMap<SketchKey, HllSketch> sketches = SketchRollup.firstSeen(written);
        assertThat(sketches.keySet()).containsExactly(
                new SketchKey("amap", Audience.NEW, "", Interval.DAY, LocalDate.of(2025, 4, 2)),
                new SketchKey("amap", Audience.NEW, "", Interval.MONTH, LocalDate.of(2025, 4, 1)),
                new SketchKey("quark", Audience.NEW, "", Interval.DAY, LocalDate.of(2025, 3, 14)),
                new SketchKey("quark", Audience.NEW, "", Interval.MONTH, LocalDate.of(2025, 3, 1)));
        assertThat(UserSketches.estimate(sketches.get(
                new SketchKey("quark", Audience.NEW, "", Interval.MONTH, LocalDate.of(2025, 3, 1))))).isEqualTo(2);
    }
}
