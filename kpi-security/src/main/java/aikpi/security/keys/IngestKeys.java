package aikpi.security.keys;

import aikpi.platform.problem.RetryLaterException;
import aikpi.platform.store.Transactions;
import aikpi.security.SecurityMode;
import aikpi.vocabulary.InvalidRequestException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest keys of a service that takes feeds: a key ({@code aik_<service>_<256 random bits>}) stands for one feed,
 * holds only the roles of its streams ({@link IngestStreams}) and is kept only as an HMAC-SHA256 under the service's
 * secret ({@code KPI_INGEST_KEY_SECRET}), so the table alone opens nothing. Every request a key sends looks it up
 * again (one indexed read), so a revocation holds on every replica at once. Each key has a rate limit of its own, in
 * this replica's memory.
 */
@Singleton
@Requires(bean = Transactions.class)
@Requires(property = "micronaut.application.name", pattern = IngestKeys.SERVICES)
public class IngestKeys {

    /** The services that take feeds, and so keys. */
    public static final String SERVICES = "tongyi-service|quark-service|cloud-billing-service";
    /** What every key starts with. */
    public static final String PREFIX = "aik_";
    /**
     * The request attribute under which a service's filter leaves a key it found in the body (Segment's
     * {@code writeKey}), before the security filter: taken as a key sent in the header when there is none.
     */
    public static final String BODY_KEY = "kpi.ingest-key.in-body";
    /** The secret of development runs only; a service outside development never takes it. */
    public static final String DEVELOPMENT_SECRET = "development-only-ingest-key-secret-of-the-ai-kpi-suite-never-in-production";
    /** The attribute of a key's authentication that holds the key's id. */
    public static final String KEY_ID = "ingestKeyId";
    /** The attribute of the authentication of another service's key, naming that service. */
    public static final String OTHER_SERVICE = "ingestKeyOfService";

    private static final Map<String, String> TAG_OF_SERVICE = Map.of(
            "tongyi-service", "tongyi", "quark-service", "quark", "cloud-billing-service", "billing");
    private static final Pattern FORMAT = Pattern.compile("aik_([a-z]+)_[A-Za-z0-9_-]{43}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:/@()-]{1,100}");
    private static final int RANDOM_BYTES = 32;
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(IngestKeys.class);

    /** Why a key was refused, as the {@code reason} of {@code kpi_ingest_keys_refused_total}. */
    public enum Refusal {
        UNKNOWN(false), REVOKED(false), EXPIRED(false), OTHER_SERVICE(true), NOT_ITS_STREAM(true), RATE_LIMITED(false);

        private final boolean forbidden;

        Refusal(boolean forbidden) {
            this.forbidden = forbidden;
        }

        public String tag() {
            return name().toLowerCase();
        }
    }

    /** What a presented key comes to: a caller, or a refusal (and then, for 403, a caller without roles). */
    public record Verdict(@Nullable Authentication authentication, @Nullable Refusal refusal) {
    }

    /** A new key, shown this once. */
    @Serdeable
    public record CreatedKey(String id, String key, String name, List<String> streams, @Nullable Instant expiresAt) {
    }

    private final IngestKeyStore store;
    private final Clock clock;
    private final String service;
    private final String tag;
    private final Map<String, String> streams;
    @Nullable
    private final SecretKeySpec secret;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Boolean> recentlyTouched;
    private final Cache<String, AtomicRateLimiter> limiters;
    private final RateLimiterConfig limit;
    @Nullable
    private final MeterRegistry registry;
    private final Map<Refusal, Counter> counters = new ConcurrentHashMap<>();

    public IngestKeys(IngestKeyStore store, Clock clock, SecurityMode mode, @Nullable MeterRegistry registry,
                      @Value("${micronaut.application.name}") String service,
                      @Nullable @Value("${kpi.security.ingest-keys.secret:}") String secret,
                      @Value("${kpi.security.ingest-keys.rate-limit:1000}") int requestsPerPeriod,
                      @Value("${kpi.security.ingest-keys.rate-period:1s}") Duration period) {
        this.store = store;
        this.clock = clock;
        this.registry = registry;
        this.service = service;
        this.tag = TAG_OF_SERVICE.get(service);
        this.streams = IngestStreams.OF_SERVICE.get(service);
        this.secret = secret(mode.development(), secret);
        if (requestsPerPeriod < 1 || period.isNegative() || period.isZero()) {
            throw new ConfigurationException("KPI_INGEST_KEY_RATE_LIMIT must be at least 1 and KPI_INGEST_KEY_RATE_PERIOD positive.");
        }
        this.limit = RateLimiterConfig.custom().limitForPeriod(requestsPerPeriod).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build();
        this.recentlyTouched = Caffeine.newBuilder().expireAfterWrite(TOUCH_INTERVAL).maximumSize(100_000).build();
        // Bounded: keys that stopped sending are forgotten, so unknown keys sent at random cannot grow the memory.
        this.limiters = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
    }

    /**
     * The HMAC key: {@code KPI_INGEST_KEY_SECRET} (at least 256 bits), the built-in one in development, or none
     * outside development without one (then no key is made or taken: a deployment that wants keys sets the secret).
     */
    @Nullable
    static SecretKeySpec secret(boolean development, @Nullable String configured) {
        String value = configured == null || configured.isBlank() ? null : configured;
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigurationException("KPI_INGEST_KEY_SECRET is shorter than 256 bits (32 bytes): set a longer one.");
        }
        if (value != null && !development && value.equals(DEVELOPMENT_SECRET)) {
            throw new ConfigurationException("KPI_INGEST_KEY_SECRET is the development one: outside development set a"
                    + " secret of your own.");
        }
        if (value == null && development) {
            value = DEVELOPMENT_SECRET;
        }
        return value == null ? null : new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The stream names of this service ({@code usage}, {@code segment}…). */
    public List<String> streamNames() {
        return streams.keySet().stream().sorted().toList();
    }

    /** Makes a key for these streams of this service; the answer is the only place the key is ever shown. */
    public CreatedKey create(@Nullable String name, @Nullable List<String> streamNames, @Nullable Instant expiresAt,
                             String creator) {
        requireEnabled();
        if (name == null || !NAME.matcher(name).matches() || name.isBlank()) {
            throw new InvalidRequestException("name must be 1 to 100 letters, digits, spaces or . _ : / @ ( ) -.");
        }
        if (streamNames == null || streamNames.isEmpty()) {
            throw new InvalidRequestException("streams must name at least one of this service's streams: "
                    + streamNames() + ".");
        }
        List<String> chosen = new ArrayList<>(new LinkedHashSet<>(streamNames));
        for (String stream : chosen) {
            if (stream == null || !streams.containsKey(stream)) {
                throw new InvalidRequestException("streams: '" + stream + "' is not a stream of " + service
                        + "; its streams are " + streamNames() + ".");
            }
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidRequestException("expiresAt must be in the future (was " + expiresAt + ").");
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String key = PREFIX + tag + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        IngestKey stored = new IngestKey(UUID.randomUUID().toString(), name, chosen, creator, now, expiresAt, null, null);
        store.insert(stored, hash(key));
        return new CreatedKey(stored.id(), key, name, chosen, expiresAt);
    }

    /** Every key of this service, revoked and expired ones included, without secrets. */
    public List<IngestKey> list() {
        return store.all();
    }

    /** Revokes a key at once; false when this service has no key with that id. */
    public boolean revoke(String id) {
        return store.revoke(id, clock.instant());
    }

    /**
     * The caller a key stands for (subject {@code key:<id>:<name>}, the roles of its streams); throws
     * {@link AuthorizationException}: not authenticated (401) for an unknown, revoked or expired key, forbidden (403)
     * for another service's key.
     */
    public Authentication authenticate(String key) {
        return accepted(verify(key));
    }

    private Authentication accepted(Verdict verdict) {
        if (verdict.refusal() != null) {
            count(verdict.refusal());
            throw new AuthorizationException(verdict.refusal().forbidden ? verdict.authentication() : null);
        }
        return verdict.authentication();
    }

    /**
     * What a refusal of an ingest key says (problem+json {@code detail}), or null when the refused request carried no
     * key: which key was refused and why, never more than its sender knows.
     */
    @Nullable
    public static String refusalDetail(HttpRequest<?> request, AuthorizationException refusal) {
        Authentication caller = refusal.getAuthentication();
        if (refusal.isForbidden() && caller != null && caller.getAttributes().get(OTHER_SERVICE) instanceof String owner) {
            return "This ingest key is one of " + owner + "'s: send it there.";
        }
        if (refusal.isForbidden() && caller != null && caller.getAttributes().containsKey(KEY_ID)) {
            return "An ingest key writes only the routes of its streams, and reads nothing.";
        }
        Verdict verdict = request.getAttribute(IngestKeyAuthenticationFetcher.VERDICT, Verdict.class).orElse(null);
        if (!refusal.isForbidden() && verdict != null && verdict.refusal() != null) {
            return switch (verdict.refusal()) {
                case REVOKED -> "This ingest key was revoked.";
                case EXPIRED -> "This ingest key has expired.";
                default -> "This ingest key is not one of this service's.";
            };
        }
        return null;
    }

    /** What a presented key comes to, without counting a refusal. */
    public Verdict verify(String key) {
        Matcher format = FORMAT.matcher(key);
        if (!format.matches() || secret == null) {
            return new Verdict(null, Refusal.UNKNOWN);
        }
        String keyTag = format.group(1);
        if (!keyTag.equals(tag)) {
            String owner = TAG_OF_SERVICE.entrySet().stream().filter(e -> e.getValue().equals(keyTag))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            return owner == null ? new Verdict(null, Refusal.UNKNOWN) : new Verdict(
                    Authentication.build("ingest key of " + owner, List.of(), Map.of(OTHER_SERVICE, owner)),
                    Refusal.OTHER_SERVICE);
        }
        IngestKey found = store.byHash(hash(key)).orElse(null);
        Instant now = clock.instant();
        if (found == null) {
            return new Verdict(null, Refusal.UNKNOWN);
        }
        if (found.revokedAt() != null) {
            return new Verdict(null, Refusal.REVOKED);
        }
        if (!found.activeAt(now)) {
            return new Verdict(null, Refusal.EXPIRED);
        }
        touch(found.id(), now);
        List<String> roles = found.streams().stream().map(streams::get).filter(r -> r != null).toList();
        return new Verdict(Authentication.build("key:" + found.id() + ":" + found.name(), roles,
                Map.of(KEY_ID, found.id())), null);
    }

    /** How long a key must wait before its next request, when it has used up its rate limit. */
    public Optional<Duration> overLimit(String key) {
        if (secret == null) {
            return Optional.empty();
        }
        AtomicRateLimiter limiter = limiters.get(hash(key), h -> new AtomicRateLimiter("ingest-key", limit));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        count(Refusal.RATE_LIMITED);
        return Optional.of(Duration.ofNanos(Math.max(1, limiter.getDetailedMetrics().getNanosToWait())));
    }

    /** The answer to a key past its rate limit. */
    public static RetryLaterException rateLimited(Duration wait) {
        return new RetryLaterException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                "This ingest key sent more requests than its rate limit allows; send again after Retry-After seconds.",
                wait);
    }

    /** Counts a refused key on {@code /prometheus}. */
    public void count(Refusal refusal) {
        if (registry != null) {
            counters.computeIfAbsent(refusal, r -> Counter.builder("kpi.ingest.keys.refused")
                    .description("Requests with an ingest key that were refused, by reason").tag("reason", r.tag())
                    .register(registry)).increment();
        }
    }

    /** The key's keyed hash, as stored. */
    String hash(String key) {
        if (secret == null) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** last_used_at, written at most once a minute per key and replica, so a busy feed adds no write per request. */
    private void touch(String id, Instant now) {
        if (recentlyTouched.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
            return;
        }
        try {
            store.touch(id, now);
        } catch (RuntimeException e) {
            // A key's last use is a hint; a busy or recutting database must not refuse the feed for it.
            LOG.debug("Could not record the use of ingest key {}", id, e);
        }
    }

    private void requireEnabled() {
        if (secret == null) {
            throw new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, "Ingest keys are off",
                    "Ingest keys are off: set KPI_INGEST_KEY_SECRET (at least 256 bits, the same on every replica of "
                            + service + ") to create and take them.", Duration.ofHours(1));
        }
    }
}
