package aikpi.security;

import aikpi.security.oidc.ServiceAccount;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.BeanProvider;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The token a service calls another service with. With an identity provider, the access token of the service's own
 * account there ({@link ServiceAccount}: client-credentials grant); without one, a token the service signs itself
 * with the shared secret: its own name as subject, the {@link Roles#SERVICE} role only (reads, never writes),
 * short-lived. Never a caller's token passed on.
 */
@Singleton
public class ServiceCredential {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** A token with less than this left is replaced, so no call leaves with a token about to expire. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(2);
    private static final Duration TOKEN_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final TokenGenerator tokens;
    private final String serviceName;
    private final BeanProvider<ServiceAccount> account;
    private final Clock clock = Clock.systemUTC();
    private volatile Issued current;

    private record Issued(String token, Instant expires) {
    }

    public ServiceCredential(TokenGenerator tokens, @Value("${micronaut.application.name}") String serviceName,
                             BeanProvider<ServiceAccount> account) {
        this.tokens = tokens;
        this.serviceName = serviceName;
        this.account = account;
    }

    /** A valid bearer token of this service, when it is ready (a token request to the provider may be needed). */
    public Publisher<String> bearerToken() {
        // Looked up on use: the identity provider's account needs an HTTP client, whose filters include this one's.
        return account.find(null).map(ServiceAccount::accessToken).orElseGet(() -> Mono.fromCallable(this::signed));
    }

    /** A valid bearer token of this service, waiting for the provider if needed (never call on an event loop). */
    public String token() {
        return Mono.from(bearerToken()).block(TOKEN_REQUEST_TIMEOUT);
    }

    private String signed() {
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
