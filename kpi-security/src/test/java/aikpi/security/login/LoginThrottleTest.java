package aikpi.security.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.platform.problem.RetryLaterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sign-in limits with a clock the test moves: 3 failures per user, 5 per address, in a 10-minute window. */
class LoginThrottleTest {

    private static final String HERE = "192.0.2.1";
    private static final String ELSEWHERE = "192.0.2.2";

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(10), clock);

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private void fail(String user, String address) {
        throttle.admit(user, address);
    }

    @Test
    void aUserOutOfAttemptsIsRefusedFromAnyAddressUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            fail("executive", HERE);
        }
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThatThrownBy(() -> throttle.admit("executive", ELSEWHERE)).isInstanceOfSatisfying(RetryLaterException.class,
                e -> {
                    assertThat(e.status().getCode()).isEqualTo(429);
                    // The window started at the first failure: 6 of its 10 minutes are left.
                    assertThat(e.retryAfterSeconds()).isEqualTo(360);
                });
        assertThatCode(() -> throttle.admit("quark-writer", ELSEWHERE)).doesNotThrowAnyException();
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThatCode(() -> throttle.admit("executive", HERE)).doesNotThrowAnyException();
    }

    @Test
    void anAddressOutOfAttemptsIsRefusedForEveryUserAndASuccessDoesNotGiveThemBack() {
        fail("a", HERE);
        fail("b", HERE);
        throttle.admit("executive", HERE);
        throttle.succeeded("executive", HERE);
        fail("c", HERE);
        fail("d", HERE);
        fail("e", HERE);
        assertThatThrownBy(() -> throttle.admit("executive", HERE)).isInstanceOf(RetryLaterException.class);
        assertThatCode(() -> throttle.admit("executive", ELSEWHERE)).doesNotThrowAnyException();
    }

    @Test
    void aSuccessClearsItsUsersFailures() {
        fail("executive", HERE);
        fail("executive", HERE);
        throttle.admit("executive", HERE);
        throttle.succeeded("executive", HERE);
        fail("executive", HERE);
        fail("executive", HERE);
        assertThatCode(() -> throttle.admit("executive", HERE)).doesNotThrowAnyException();
    }

    @Test
    void aRefusedAttemptIsNotCountedAgainstTheAddress() {
        for (int i = 0; i < 3; i++) {
            fail("executive", HERE);
        }
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> throttle.admit("executive", HERE)).isInstanceOf(RetryLaterException.class);
        }
        // 3 failures from here, not 13: two more users may still try.
        fail("a", HERE);
        fail("b", HERE);
        assertThatThrownBy(() -> throttle.admit("c", HERE)).isInstanceOf(RetryLaterException.class);
    }
}
