package aikpi.quark.firstseen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.quark.firstseen.FirstSeen.ScopedDay;
import aikpi.quark.firstseen.FirstSeen.ScopedUser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FirstSeenTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static UserSighting seen(String app, String user, String at) {
        return UserSighting.inApp(app, user, Instant.parse(at));
    }

    @Test
    void theEarliestDayPerUserInTheAppItsUnitAndTheGroup() {
        SortedMap<ScopedUser, LocalDate> earliest = FirstSeen.earliest(List.of(
                seen("taobao", "ann", "2025-01-05T02:00:00Z"),
                seen("taobao", "ann", "2025-01-03T15:59:59Z"),   // Jan 3, 23:59:59 in Shanghai
                seen("tmall", "ann", "2025-01-03T16:00:00Z"),    // Jan 4, 00:00 in Shanghai
                seen("amap", "bob", "2025-01-07T02:00:00Z")),
                Map.of("taobao", "taobao", "tmall", "taobao", "amap", "amap"), SHANGHAI);
        // In primary-key order: user, then scope.
        assertThat(earliest).containsExactly(
                Map.entry(new ScopedUser("all", "ann"), LocalDate.of(2025, 1, 3)),
                Map.entry(new ScopedUser("app:taobao", "ann"), LocalDate.of(2025, 1, 3)),
                Map.entry(new ScopedUser("app:tmall", "ann"), LocalDate.of(2025, 1, 4)),
                Map.entry(new ScopedUser("unit:taobao", "ann"), LocalDate.of(2025, 1, 3)),
                Map.entry(new ScopedUser("all", "bob"), LocalDate.of(2025, 1, 7)),
                Map.entry(new ScopedUser("app:amap", "bob"), LocalDate.of(2025, 1, 7)),
                Map.entry(new ScopedUser("unit:amap", "bob"), LocalDate.of(2025, 1, 7)));
    }

    @Test
    void aNewUserAddsOneAndALateEarlierSightingMovesTheUser() {
        SortedMap<ScopedDay, Long> deltas = new TreeMap<>();
        ScopedUser ann = new ScopedUser("app:quark", "ann");
        ScopedUser bob = new ScopedUser("app:quark", "bob");
        FirstSeen.count(deltas, ann, LocalDate.of(2025, 1, 5), null);
        FirstSeen.count(deltas, bob, LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 5));
        assertThat(deltas).containsExactly(
                Map.entry(new ScopedDay("app:quark", LocalDate.of(2025, 1, 2)), 1L),
                Map.entry(new ScopedDay("app:quark", LocalDate.of(2025, 1, 5)), 0L));
    }

    @Test
    void aSightingOfAnAppWithoutAUnitIsAFault() {
        assertThatThrownBy(() -> FirstSeen.earliest(List.of(seen("x", "ann", "2025-01-05T02:00:00Z")), Map.of(), SHANGHAI))
                .isInstanceOf(IllegalStateException.class);
    }
}
