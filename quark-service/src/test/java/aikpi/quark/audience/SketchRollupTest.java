package aikpi.quark.audience;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.audience.FirstSeen.ScopedUser;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

class SketchRollupTest {

    @Test
    void theUsersFirstSeenInAnAppGoIntoTheirDaysAndMonthsNewUserSketches() {
        SortedMap<ScopedUser, LocalDate> written = new TreeMap<>();
        written.put(new ScopedUser("app:quark", "ann"), LocalDate.of(2025, 3, 14));
        written.put(new ScopedUser("app:quark", "bob"), LocalDate.of(2025, 3, 14));
        written.put(new ScopedUser("app:amap", "ann"), LocalDate.of(2025, 4, 2));
        // A unit's and the group's first days are not an app's.
        written.put(new ScopedUser("unit:quark", "ann"), LocalDate.of(2025, 3, 14));
        written.put(new ScopedUser("all", "ann"), LocalDate.of(2025, 3, 14));
        SortedMap<SketchKey, HllSketch> sketches = SketchRollup.firstSeen(written);
        assertThat(sketches.keySet()).containsExactly(
                new SketchKey("amap", Audience.NEW, "", Grain.DAY, LocalDate.of(2025, 4, 2)),
                new SketchKey("amap", Audience.NEW, "", Grain.MONTH, LocalDate.of(2025, 4, 1)),
                new SketchKey("quark", Audience.NEW, "", Grain.DAY, LocalDate.of(2025, 3, 14)),
                new SketchKey("quark", Audience.NEW, "", Grain.MONTH, LocalDate.of(2025, 3, 1)));
        assertThat(UserSketches.estimate(sketches.get(
                new SketchKey("quark", Audience.NEW, "", Grain.MONTH, LocalDate.of(2025, 3, 1))))).isEqualTo(2);
    }
}
