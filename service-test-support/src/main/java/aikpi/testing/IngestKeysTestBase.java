package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.security.keys.IngestKeys;
import aikpi.security.keys.IngestStreams;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's ingest keys, through its HTTP API (the subclass is the service's {@code @MicronautTest}): created by the
 * team's writer or an executive and shown once, stored only as a keyed hash, listed without secrets, revoked at once on
 * every instance, refused as unknown, revoked, expired (401) or another service's (403), counted on /prometheus when
 * refused, and held to a rate limit; a key sent in a body ({@link IngestKeys#authenticate}) is checked the same way. Which routes a key writes is checked route by route in
 * {@link EndpointSecurityTestBase}. A live key on a read answers 403 and a refused one 401, which tells them apart
 * without writing anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IngestKeysTestBase {

    private static final String READ = "/api/v1/audit";

    @Inject
    @Client("/")
    protected HttpClient client;

    @Inject
    protected TestTokens tokens;

    @Inject
    protected Environment environment;

    @Inject
    protected Transactions transactions;

    @Inject
    protected IngestKeys keys;

    private String service;
    private String stream;
    private String writer;

    @BeforeAll
    void service() {
        service = environment.getProperty("micronaut.application.name", String.class).orElseThrow();
        stream = IngestStreams.OF_SERVICE.get(service).keySet().iterator().next();
        writer = Roles.WRITER_OF_SERVICE.get(service);
    }

    @Test
    void aKeyIsShownOnceAndKeptOnlyAsAKeyedHash() {
        BlockingHttpClient http = client.toBlocking();
        HttpResponse<Map<String, Object>> created = http.exchange(HttpRequest.POST("/api/v1/ingest-keys",
                Map.of("name", "shown once", "streams", List.of(stream))).header("Authorization", tokens.bearer(writer)),
                Argument.mapOf(String.class, Object.class));
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.getHeaders().get("Cache-Control")).isEqualTo("no-store");
        Map<String, Object> body = created.body();
        String key = (String) body.get("key");
        assertThat(key).matches("aik_[a-z]+_[A-Za-z0-9_-]{43}");
        assertThat(body).containsEntry("name", "shown once").containsEntry("streams", List.of(stream))
                .containsKey("id").containsEntry("expiresAt", null);

        String listed = http.retrieve(HttpRequest.GET("/api/v1/ingest-keys"), String.class);
        assertThat(listed).contains((String) body.get("id")).contains(TestTokens.subjectOf(writer))
                .doesNotContain(key).doesNotContain(secretOf(key)).doesNotContain("hash");
        List<String> stored = transactions.read(c -> {
            List<String> values = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM ingest_key")) {
                while (r.next()) {
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        values.add(String.valueOf(r.getObject(i)));
                    }
                }
            }
            return values;
        });
        assertThat(stored).isNotEmpty().noneSatisfy(v -> assertThat(v).contains(secretOf(key)));
        // The key was used once (a 403 on a read still authenticates it): its last use is recorded.
        status(HttpRequest.GET(READ), "Bearer " + key, 403);
        Map<String, Object> listedKey = new ServiceApi(http).getList("/api/v1/ingest-keys").stream()
                .filter(k -> k.get("id").equals(body.get("id"))).findFirst().orElseThrow();
        assertThat(listedKey.get("lastUsedAt")).isNotNull();
        assertThat(listedKey.get("revokedAt")).isNull();
    }

    @Test
    void revokedExpiredAndUnknownKeysAre401() throws InterruptedException {
        Map<String, Object> revoked = create("to revoke", null);
        String key = (String) revoked.get("key");
        status(HttpRequest.GET(READ), "Bearer " + key, 403);
        assertThat(client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/ingest-keys/" + revoked.get("id"))).code())
                .isEqualTo(204);
        assertThat(status(HttpRequest.GET(READ), "Bearer " + key, 401).get("detail").toString()).contains("revoked");
        assertThat(status(HttpRequest.GET(READ), EndpointSecurity.basic(key), 401).get("detail").toString()).contains("revoked");
        assertThat(client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/ingest-keys/" + revoked.get("id"))).code())
                .as("revoking again").isEqualTo(204);
        new ServiceApi(client.toBlocking()).problem(HttpRequest.DELETE("/api/v1/ingest-keys/no-such-key"), 404);

        String unknown = key.substring(0, key.length() - secretOf(key).length()) + "A".repeat(43);
        status(HttpRequest.GET(READ), "Bearer " + unknown, 401);
        status(HttpRequest.GET(READ), "Bearer aik_not-a-key", 401);
        status(HttpRequest.GET(READ), EndpointSecurity.basic(unknown), 401);

        Instant soon = Instant.now().plusSeconds(2);
        String expiring = (String) create("expiring", soon).get("key");
        status(HttpRequest.GET(READ), "Bearer " + expiring, 403);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), soon).toMillis()) + 200);
        assertThat(status(HttpRequest.GET(READ), "Bearer " + expiring, 401).get("detail").toString()).contains("expired");
    }

    @Test
    void anotherServicesKeyIs403AndSaysWhose() {
        Map.of("tongyi-service", "tongyi", "quark-service", "quark", "cloud-billing-service", "billing").forEach((owner, tag) -> {
            String key = "aik_" + tag + "_" + "B".repeat(43);
            if (owner.equals(service)) {
                status(HttpRequest.GET(READ), "Bearer " + key, 401);
            } else {
                assertThat(status(HttpRequest.GET(READ), "Bearer " + key, 403).get("detail").toString())
                        .contains(owner).contains("send it there");
            }
        });
    }

    @Test
    void aKeyIsMadeOnlyForThisServicesStreamsAndByItsKeepers() {
        ServiceApi api = new ServiceApi(client.toBlocking());
        api.problem(HttpRequest.POST("/api/v1/ingest-keys", Map.of("name", "x", "streams", List.of("no-such-stream"))), 400);
        api.problem(HttpRequest.POST("/api/v1/ingest-keys", Map.of("name", "x", "streams", List.of())), 400);
        api.problem(HttpRequest.POST("/api/v1/ingest-keys", Map.of("streams", List.of(stream))), 400);
        api.problem(HttpRequest.POST("/api/v1/ingest-keys", Map.of("name", "x", "streams", List.of(stream),
                "expiresAt", "2020-01-01T00:00:00Z")), 400);
        for (String otherWriter : List.of(Roles.TONGYI_WRITER, Roles.QUARK_WRITER, Roles.BILLING_WRITER, Roles.SERVICE)) {
            if (!otherWriter.equals(writer)) {
                api.problem(HttpRequest.POST("/api/v1/ingest-keys", Map.of("name", "x", "streams", List.of(stream)))
                        .header("Authorization", tokens.bearer(otherWriter)), 403);
            }
        }
        // A key keeps no keys: it is refused on the keys' own routes.
        String key = (String) create("no keeper", null).get("key");
        api.problem(HttpRequest.POST("/api/v1/ingest-keys", Map.of("name", "x", "streams", List.of(stream)))
                .header("Authorization", "Bearer " + key), 403);
        api.problem(HttpRequest.GET("/api/v1/ingest-keys").header("Authorization", "Bearer " + key), 403);
    }

    @Test
    void aKeyStandsForItsIdNameAndStreamsUntilRevoked() {
        Map<String, Object> created = create("its caller", null);
        String key = (String) created.get("key");
        String role = IngestStreams.OF_SERVICE.get(service).get(stream);
        Authentication caller = keys.authenticate(key);
        assertThat(caller.getName()).isEqualTo("key:" + created.get("id") + ":its caller");
        assertThat(caller.getRoles()).containsExactly(role);

        assertThat(catchThrowableOfType(AuthorizationException.class, () -> keys.authenticate("aik_nope")).isForbidden())
                .as("an unknown key").isFalse();
        client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/ingest-keys/" + created.get("id")));
        assertThat(catchThrowableOfType(AuthorizationException.class, () -> keys.authenticate(key)).isForbidden())
                .as("a revoked key").isFalse();
    }

    @Test
    void refusedKeysAreCountedOnPrometheusByReason() {
        Map<String, Double> before = refusals();
        Map<String, Object> revoked = create("counted", null);
        client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/ingest-keys/" + revoked.get("id")));
        status(HttpRequest.GET(READ), "Bearer " + revoked.get("key"), 401);
        status(HttpRequest.GET(READ), "Bearer aik_unknown", 401);
        status(HttpRequest.GET(READ), "Bearer " + create("reads", null).get("key"), 403);
        Map<String, Double> after = refusals();
        assertThat(after.getOrDefault("revoked", 0.0)).isEqualTo(before.getOrDefault("revoked", 0.0) + 1);
        assertThat(after.getOrDefault("unknown", 0.0)).isEqualTo(before.getOrDefault("unknown", 0.0) + 1);
        assertThat(after.getOrDefault("not_its_stream", 0.0)).isEqualTo(before.getOrDefault("not_its_stream", 0.0) + 1);
    }

    @Test
    void aRevocationHoldsAtOnceOnEveryInstance(@TempDir Path dir) {
        try (SharedDatabase database = SharedDatabase.create(dir, "keys");
             ServiceInstances instances = ServiceInstances.start(database, 2)) {
            ServiceApi first = new ServiceApi(instances.client(0));
            Map<String, Object> created = first.post("/api/v1/ingest-keys", Map.of("name", "shared", "streams", List.of(stream)));
            String bearer = "Bearer " + created.get("key");
            new ServiceApi(instances.client(1)).problem(HttpRequest.GET(READ).header("Authorization", bearer), 403);
            instances.client(0).exchange(HttpRequest.DELETE("/api/v1/ingest-keys/" + created.get("id")));
            new ServiceApi(instances.client(1)).problem(HttpRequest.GET(READ).header("Authorization", bearer), 401);
        }
    }

    @Test
    void aKeyPastItsRateLimitIs429WithRetryAfter() {
        Map<String, Object> limited = Map.of("kpi.security.ingest-keys.rate-limit", 3,
                "kpi.security.ingest-keys.rate-period", "1h", "micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, limited, Environment.TEST);
             HttpClient instance = ServiceInstances.clientOf(server)) {
            ServiceApi api = new ServiceApi(instance.toBlocking());
            String bearer = "Bearer " + api.post("/api/v1/ingest-keys", Map.of("name", "runaway", "streams", List.of(stream))).get("key");
            for (int i = 0; i < 3; i++) {
                api.problem(HttpRequest.GET(READ).header("Authorization", bearer), 403);
            }
            HttpClientResponseException refused = catchThrowableOfType(
                    HttpClientResponseException.class,
                    () -> instance.toBlocking().exchange(HttpRequest.GET(READ).header("Authorization", bearer)));
            assertThat(refused.code()).isEqualTo(429);
            assertThat(Long.parseLong(refused.getResponse().getHeaders().get("Retry-After"))).isBetween(1L, 3600L);
            api.problem(HttpRequest.GET(READ).header("Authorization", bearer), 429);
            // Another key has a limit of its own.
            String other = "Bearer " + api.post("/api/v1/ingest-keys", Map.of("name", "calm", "streams", List.of(stream))).get("key");
            api.problem(HttpRequest.GET(READ).header("Authorization", other), 403);
        }
    }

    private Map<String, Object> create(String name, Instant expiresAt) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "streams", List.of(stream)));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return new ServiceApi(client.toBlocking()).post("/api/v1/ingest-keys", body);
    }

    private Map<String, Object> status(MutableHttpRequest<?> request, String authorization, int expected) {
        return new ServiceApi(client.toBlocking()).problem(request.header("Authorization", authorization), expected);
    }

    private static final Pattern REFUSED = Pattern.compile("^kpi_ingest_keys_refused_total\\{.*reason=\"([a-z_]+)\".*} (\\S+)$",
            Pattern.MULTILINE);

    private Map<String, Double> refusals() {
        String metrics = client.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);
        Map<String, Double> counts = new HashMap<>();
        Matcher m = REFUSED.matcher(metrics);
        while (m.find()) {
            counts.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return counts;
    }

    /** The random part of a key, after {@code aik_<service>_} (it may itself contain '_': base64url). */
    private static String secretOf(String key) {
        return key.replaceFirst("^aik_[a-z]+_", "");
    }
}
