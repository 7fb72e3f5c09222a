package aikpi.security.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureUtils;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies a token's signature against the identity provider's key set (JWKS) with micronaut-security-jwt's JWKS
 * support, adding what it lacks: RS256 and ES256 only (an {@code HS256} token, the key-confusion attack, and
 * {@code alg: none} never reach a key); an unknown key id re-reads the set (the provider rotated its keys), at most
 * once per {@code KPI_OIDC_JWKS_REFETCH_INTERVAL} so that made-up key ids cannot flood the provider; the set is read
 * again after {@code KPI_OIDC_JWKS_MAX_AGE}. With no set read yet, every token is refused.
 */
@Singleton
@Requires(condition = IdentityProviderConfigured.class)
public class IdentityProviderKeys implements ReactiveSignatureConfiguration<SignedJWT> {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityProviderKeys.class);

    /** The signature algorithms taken: the provider's asymmetric keys, never a shared secret. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final IdentityProvider provider;
    private final JwksClient jwks;
    private final JwkValidator validator;
    private final Clock clock = Clock.systemUTC();
    private volatile Held held;
    private volatile Instant lastAttempt;

    /** A key set and when it was read. */
    private record Held(JWKSet keys, Instant readAt) {
    }

    public IdentityProviderKeys(IdentityProvider provider, JwksClient jwks, JwkValidator validator) {
        this.provider = provider;
        this.jwks = jwks;
        this.validator = validator;
    }

    @Override
    public Publisher<Boolean> verify(SignedJWT token) {
        if (!ALGORITHMS.contains(token.getHeader().getAlgorithm())) {
            return Mono.just(false);
        }
        JWKSet held = heldFor(token.getHeader().getKeyID());
        if (held != null) {
            return Mono.just(verify(token, held));
        }
        // The key set has to be read over HTTP first: never on the event loop.
        return Mono.fromCallable(() -> {
            JWKSet set = keySet(token.getHeader().getKeyID());
            return set != null && verify(token, set);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The key set held, if it is fresh and holds the token's key: no read needed. */
    private JWKSet heldFor(String keyId) {
        Held current = held;
        if (current == null || current.readAt().plus(provider.keySetMaxAge()).isBefore(clock.instant())) {
            return null;
        }
        return keyId == null || current.keys().getKeyByKeyId(keyId) != null ? current.keys() : null;
    }

    private boolean verify(SignedJWT token, JWKSet set) {
        try {
            return JwksSignatureUtils.verify(token, set, validator);
        } catch (Exception e) {
            LOG.debug("A token's signature could not be verified", e);
            return false;
        }
    }

    /** The key set to verify with: the one held, or a new read where it is missing, old, or lacks the token's key. */
    synchronized JWKSet keySet(String keyId) {
        Instant now = clock.instant();
        Held current = held;
        boolean missing = current == null;
        boolean old = !missing && current.readAt().plus(provider.keySetMaxAge()).isBefore(now);
        boolean unknownKey = !missing && keyId != null && current.keys().getKeyByKeyId(keyId) == null;
        boolean mayRead = lastAttempt == null || !lastAttempt.plus(provider.keyRefetchInterval()).isAfter(now);
        if ((missing || old || unknownKey) && mayRead) {
            lastAttempt = now;
            JWKSet read = read();
            if (read != null) {
                current = new Held(read, now);
                held = current;
            }
        }
        return current == null ? null : current.keys();
    }

    private JWKSet read() {
        String url;
        try {
            url = provider.jwksUrl();
        } catch (IdentityProviderUnavailableException e) {
            LOG.warn("Tokens are refused until the identity provider answers: {}", e.getMessage());
            return null;
        }
        try {
            String body = Mono.from(jwks.load(null, url)).block(FETCH_TIMEOUT);
            if (body == null) {
                LOG.warn("The identity provider's key set {} cannot be read; tokens signed with keys not held yet are refused", url);
                return null;
            }
            // Only signing keys: a provider also publishes keys for encryption (use "enc") under other ids.
            JWKSet set = new JWKSet(JWKSet.parse(body).getKeys().stream()
                    .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse())).toList());
            LOG.info("Read the identity provider's key set {}: key ids {}", url,
                    set.getKeys().stream().map(JWK::getKeyID).toList());
            return set;
        } catch (ParseException | RuntimeException e) {
            LOG.warn("The identity provider's key set {} cannot be read: {}", url, e.getMessage());
            return null;
        }
    }
}
