package aikpi.security.login;

import aikpi.platform.problem.RetryLaterException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;

/**
 * Bounds password guessing at {@code POST /login}, per user and per client address: once a user has
 * {@code max-failures-per-user} failed sign-ins, or an address {@code max-failures-per-address}, in a window that
 * starts at the first of them, every further attempt for that user or from that address is refused with 429 and
 * {@code Retry-After} until the window ends, the right password included. An attempt is counted before the password is
 * checked, so a burst of concurrent guesses cannot slip past the limit; a success takes its own attempt back and
 * clears its user's count, never the address's (one known account does not buy more guesses at the others).
 */
@Singleton
public class LoginThrottle {

    /** Failures in the current window; the window ends at {@code ends}. */
    private record Window(int failures, Instant ends) {
    }

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> byUser;
    private final Cache<String, Window> byAddress;

    @Inject
    public LoginThrottle(@Value("${kpi.security.login.max-failures-per-user:10}") int maxPerUser,
                         @Value("${kpi.security.login.max-failures-per-address:50}") int maxPerAddress,
                         @Value("${kpi.security.login.failure-window:15m}") Duration window) {
        this(maxPerUser, maxPerAddress, window, Clock.systemUTC());
    }

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
        if (maxPerUser < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("kpi.security.login: the failure limits must be at least 1 and the "
                    + "window positive");
        }
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
        // Bounded, so that guesses at random user names cannot grow the memory; an entry lives as long as its window.
        this.byUser = cache();
        this.byAddress = cache();
    }

    private Cache<String, Window> cache() {
        return Caffeine.newBuilder().maximumSize(100_000).expireAfter(new Expiry<String, Window>() {
            @Override
            public long expireAfterCreate(String key, Window value, long currentTime) {
                return untilEnd(value);
            }

            @Override
            public long expireAfterUpdate(String key, Window value, long currentTime, long currentDuration) {
                return untilEnd(value);
            }

            @Override
            public long expireAfterRead(String key, Window value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    private long untilEnd(Window w) {
        return Math.max(0, Duration.between(clock.instant(), w.ends()).toNanos());
    }

    /**
     * Counts a sign-in attempt of {@code user} from {@code address} as a failure until {@link #succeeded} says
     * otherwise.
     *
     * @throws RetryLaterException (429) when the user or the address has no attempt left in its window
     */
    public void admit(String user, String address) {
        Instant now = clock.instant();
        Duration wait = count(byAddress.asMap(), address, maxPerAddress, now);
        if (wait == null) {
            wait = count(byUser.asMap(), user, maxPerUser, now);
            if (wait != null) {
                uncount(byAddress.asMap(), address);
            }
        }
        if (wait != null) {
            throw new RetryLaterException(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-in attempts",
                    "Too many failed sign-ins for this user or from this address; try again in "
                            + seconds(wait) + " seconds.", wait);
        }
    }

    /** The attempt admitted for {@code user} from {@code address} signed in: it was no failure. */
    public void succeeded(String user, String address) {
        byUser.invalidate(user);
        uncount(byAddress.asMap(), address);
    }

    /** Adds a failure to the key's window unless it is full; answers how long until it ends if it is, else null. */
    private Duration count(ConcurrentMap<String, Window> windows, String key, int max, Instant now) {
        Duration[] full = {null};
        windows.compute(key, (k, w) -> {
            if (w == null || !w.ends().isAfter(now)) {
                return new Window(1, now.plus(window));
            }
            if (w.failures() >= max) {
                full[0] = Duration.between(now, w.ends());
                return w;
            }
            return new Window(w.failures() + 1, w.ends());
        });
        return full[0];
    }

    private static void uncount(ConcurrentMap<String, Window> windows, String key) {
        windows.computeIfPresent(key, (k, w) -> w.failures() <= 1 ? null : new Window(w.failures() - 1, w.ends()));
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
