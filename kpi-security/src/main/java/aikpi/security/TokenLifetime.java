package aikpi.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A token is taken only within its lifetime: it must carry {@code exp} (a token that never expires is refused), not be
 * past it, and not be before its {@code nbf}, each with a small allowance for clocks that disagree
 * ({@code KPI_TOKEN_CLOCK_SKEW}, 30 s by default): the identity provider's clock and this service's are not the same
 * clock. This replaces micronaut-security-jwt's expiration check, which allows no skew and takes tokens without
 * {@code exp}. The lifetime is measured on the system clock, never on a clock tests replace.
 */
@Singleton
public class TokenLifetime<T> implements GenericJwtClaimsValidator<T> {

    private final Duration skew;
    private final Clock clock = Clock.systemUTC();

    public TokenLifetime(@Value("${kpi.security.token-clock-skew:30s}") Duration skew) {
        this.skew = skew;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Instant now = clock.instant();
        Instant expires = instant(claims.get(Claims.EXPIRATION_TIME));
        if (expires == null || !now.isBefore(expires.plus(skew))) {
            return false;
        }
        Object notBefore = claims.get(Claims.NOT_BEFORE);
        if (notBefore != null) {
            Instant from = instant(notBefore);
            return from != null && !now.isBefore(from.minus(skew));
        }
        return true;
    }

    private static Instant instant(@Nullable Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
