package aikpi.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The token a service calls another service with: its own name as subject, the {@link Roles#SERVICE} role only
 * (reads, never writes), short-lived, signed with the shared secret. Never a caller's token passed on.
 */
@Singleton
public class ServiceCredential {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** A token with less than this left is replaced, so no call leaves with a token about to expire. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    private final TokenGenerator tokens;
    private final String serviceName;
    private final Clock clock = Clock.systemUTC();
    private volatile Issued current;

    private record Issued(String token, Instant expires) {
    }

    public ServiceCredential(TokenGenerator tokens, @Value("${micronaut.application.name}") String serviceName) {
        this.tokens = tokens;
        this.serviceName = serviceName;
    }

    /** A valid bearer token of this service. */
    public String token() {
        Issued issued = current;
        Instant now = clock.instant();
        if (issued == null || issued.expires().minus(RENEW_BEFORE).isBefore(now)) {
            synchronized (this) {
                issued = current;
                if (issued == null || issued.expires().minus(RENEW_BEFORE).isBefore(now)) {
                    String token = tokens.generateToken(Authentication.build(serviceName, List.of(Roles.SERVICE)),
                                    (int) LIFETIME.toSeconds())
                            .orElseThrow(() -> new IllegalStateException("no token generator is configured"));
                    issued = new Issued(token, now.plus(LIFETIME));
                    current = issued;
                }
            }
        }
        return issued.token();
    }
}
