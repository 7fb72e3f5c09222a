package aikpi.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.security.token.MapClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenLifetimeTest {

    private final TokenLifetime<Object> lifetime = new TokenLifetime<>(Duration.ofSeconds(30));

    private boolean valid(Instant expires, Instant notBefore) {
        Map<String, Object> claims = new HashMap<>();
        if (expires != null) {
            claims.put("exp", Date.from(expires));
        }
        if (notBefore != null) {
            claims.put("nbf", Date.from(notBefore));
        }
        return lifetime.validate(new MapClaims(claims), null);
    }

    @Test
    void aTokenIsTakenUntilItsExpiryAndTheSkewAfterIt() {
        Instant now = Instant.now();
        assertThat(valid(now.plusSeconds(60), null)).isTrue();
        assertThat(valid(now.minusSeconds(10), null)).isTrue();
        assertThat(valid(now.minusSeconds(60), null)).isFalse();
    }

    @Test
    void aTokenWithoutExpiryIsNeverTaken() {
        assertThat(valid(null, null)).isFalse();
    }

    @Test
    void aTokenIsTakenFromTheSkewBeforeItsNotBeforeTime() {
        Instant now = Instant.now();
        assertThat(valid(now.plusSeconds(600), now.plusSeconds(10))).isTrue();
        assertThat(valid(now.plusSeconds(600), now.plusSeconds(120))).isFalse();
    }
}
