package aikpi.gateway.notify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.notify.Notice;
import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.rules.NoticeRules.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules alone, with a one-hour damping interval and 15 minutes of staleness, by hand. */
class NoticeRulesTest {

    final NoticeRules rules = new NoticeRules(Duration.ofHours(1), Duration.ofMinutes(15));
    final Instant t0 = Instant.parse("2025-06-01T04:00:00Z");

    Instant at(int minutes) {
        return t0.plus(Duration.ofMinutes(minutes));
    }

    static Observation status(String value, Instant since) {
        return new Observation(Rule.STATUS, "quark", "FY2026-Q1", "toc-ai-sessions", value, since, "100",
                Map.of("link", "/dashboard/index.html?period=2025-Q2"));
    }

    static Observation source(String value, Instant since) {
        return new Observation(Rule.SOURCE, "group", null, "quark-service", value, since, value, Map.of());
    }

    /** Applies {@code o} at {@code now} to {@code state}, first sight included; the outcome. */
    Outcome step(NoticeState state, Observation o, Instant now) {
        return rules.apply(state == null ? rules.firstSight(o) : state, o, now);
    }

    @Test
    void firstSightOfAStatusRecordsItAndTellsNothing() {
        Outcome first = step(null, status("ON_TRACK", t0), t0);
        assertThat(first.notice()).isNull();
        assertThat(first.state().told()).isEqualTo("ON_TRACK");
        assertThat(step(first.state(), status("ON_TRACK", at(5)), at(5)).notice()).isNull();
    }

    @Test
    void aChangeIsToldOnceWithBeforeAndAfterAndTheSameIdForTheSameState() {
        NoticeState s = step(null, status("ON_TRACK", t0), t0).state();
        Outcome changed = step(s, status("AT_RISK", at(5)), at(5));
        Notice n = changed.notice();
        assertThat(n.type()).isEqualTo(NoticeTypes.STATUS_CHANGED);
        assertThat(n.kpiId()).isEqualTo("toc-ai-sessions");
        assertThat(n.data()).containsEntry("before", Map.of("value", "ON_TRACK", "figure", "100"))
                .containsEntry("link", "/dashboard/index.html?period=2025-Q2");
        assertThat(((Map<?, ?>) n.data().get("after")).get("value")).isEqualTo("AT_RISK");
        // The same state and observation (a repeated evaluation that lost a race) make the same id.
        assertThat(step(s, status("AT_RISK", at(5)), at(5)).notice().id()).isEqualTo(n.id());
        // Once told, seeing it again says nothing.
        assertThat(step(changed.state(), status("AT_RISK", at(10)), at(10)).notice()).isNull();
    }

    @Test
    void aValueThatFlapsBackWithinTheIntervalIsRecordedAndNotTold() {
        NoticeState s = step(null, status("ON_TRACK", t0), t0).state();
        Outcome risk = step(s, status("AT_RISK", at(5)), at(5));
        assertThat(risk.notice()).isNotNull();
        Outcome back = step(risk.state(), status("ON_TRACK", at(10)), at(10));
        assertThat(back.notice()).as("damped").isNull();
        assertThat(back.state().seen()).isEqualTo("ON_TRACK");
        Outcome riskAgain = step(back.state(), status("AT_RISK", at(15)), at(15));
        assertThat(riskAgain.notice()).as("back to what was told: nothing to say").isNull();
        // Still AT_RISK after the interval: nothing either, it was told.
        assertThat(step(riskAgain.state(), status("AT_RISK", at(70)), at(70)).notice()).isNull();
    }

    @Test
    void aDampedChangeStillInForceWhenTheIntervalEndsIsToldThenOnce() {
        NoticeState s = step(null, status("ON_TRACK", t0), t0).state();
        Outcome risk = step(s, status("AT_RISK", at(5)), at(5));
        Outcome off = step(risk.state(), status("OFF_TRACK", at(10)), at(10));
        assertThat(off.notice()).as("damped").isNull();
        assertThat(step(off.state(), status("OFF_TRACK", at(64)), at(64)).notice()).as("still damped").isNull();
        Outcome told = step(off.state(), status("OFF_TRACK", at(65)), at(65));
        assertThat(told.notice()).isNotNull();
        assertThat(told.notice().data().get("before")).isEqualTo(Map.of("value", "AT_RISK", "figure", "100"));
        assertThat(told.notice().id()).isNotEqualTo(risk.notice().id());
        assertThat(step(told.state(), status("OFF_TRACK", at(70)), at(70)).notice()).isNull();
    }

    @Test
    void aLaterEpisodeOfTheSameChangeHasANewId() {
        NoticeState s = step(null, status("ON_TRACK", t0), t0).state();
        Outcome first = step(s, status("AT_RISK", at(5)), at(5));
        Outcome back = step(first.state(), status("ON_TRACK", at(120)), at(120));
        Outcome again = step(back.state(), status("AT_RISK", at(240)), at(240));
        assertThat(back.notice()).isNotNull();
        assertThat(again.notice()).isNotNull();
        assertThat(again.notice().id()).isNotEqualTo(first.notice().id());
    }

    @Test
    void aSourceIsStaleOnlyAfterTheThresholdAndRecoveredOnce() {
        NoticeState s = step(null, source("OK", t0), t0).state();
        Outcome down = step(s, source("DOWN", at(1)), at(1));
        assertThat(down.notice()).isNull();
        assertThat(step(down.state(), source("DOWN", at(15)), at(15)).notice()).as("14 minutes").isNull();
        Outcome stale = step(down.state(), source("DOWN", at(16)), at(16));
        assertThat(stale.notice().type()).isEqualTo(NoticeTypes.SOURCE_STALE);
        assertThat(stale.notice().data()).containsEntry("since", at(1).toString());
        assertThat(step(stale.state(), source("DOWN", at(30)), at(30)).notice()).isNull();
        Outcome recovered = step(stale.state(), source("OK", at(90)), at(90));
        assertThat(recovered.notice().type()).isEqualTo(NoticeTypes.SOURCE_RECOVERED);
    }

    @Test
    void aShortOutageSaysNothingAndAnOutageSeenFirstIsToldAfterTheThreshold() {
        NoticeState s = step(null, source("OK", t0), t0).state();
        Outcome down = step(s, source("DOWN", at(1)), at(1));
        assertThat(step(down.state(), source("OK", at(10)), at(10)).notice()).isNull();

        // First seen already stale for 20 minutes (a stale answer's time): told at once.
        Outcome first = step(null, source("DOWN", at(-20)), t0);
        assertThat(first.notice().type()).isEqualTo(NoticeTypes.SOURCE_STALE);
    }

    @Test
    void aVanityAlertFiresWhenFirstSeenGoesQuietSilentlyAndFiresAgainAfterTheInterval() {
        Observation firing = new Observation(Rule.VANITY, "quark", "FY2026-Q1", "turns-up-resolution-not",
                NoticeRules.FIRING, t0, null, Map.of());
        Outcome fired = step(null, firing, t0);
        assertThat(fired.notice().type()).isEqualTo(NoticeTypes.VANITY_FIRED);
        Observation quiet = new Observation(Rule.VANITY, "quark", "FY2026-Q1", "turns-up-resolution-not",
                NoticeRules.QUIET, at(5), null, Map.of());
        Outcome quieted = step(fired.state(), quiet, at(5));
        assertThat(quieted.notice()).isNull();
        assertThat(step(quieted.state(), firing, at(10)).notice()).as("damped").isNull();
        assertThat(step(quieted.state(), firing, at(61)).notice()).isNotNull();
    }

    @Test
    void aFloorBrokenAndRestoredHaveTheirTypes() {
        Observation counted = new Observation(Rule.FLOOR, "quark", "FY2026-Q1", "toc-ai-sessions",
                NoticeRules.COUNTED, t0, "0.5", Map.of());
        Observation broken = new Observation(Rule.FLOOR, "quark", "FY2026-Q1", "toc-ai-sessions",
                NoticeRules.NOT_COUNTED, at(5), "0.3", Map.of());
        NoticeState s = step(null, counted, t0).state();
        Outcome b = step(s, broken, at(5));
        assertThat(b.notice().type()).isEqualTo(NoticeTypes.FLOOR_BROKEN);
        Outcome r = step(b.state(), counted, at(70));
        assertThat(r.notice().type()).isEqualTo(NoticeTypes.FLOOR_RESTORED);
    }
}
