package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.web.router.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a service's access rules endpoint by endpoint: without a token 401, with a valid token of any role but the
 * allowed ones 403, both as problem+json naming nothing internal, and with exactly an allowed role a success. The
 * list of endpoints is checked against the routes the service really serves, so an endpoint added without a rule
 * check fails its service's build.
 */
public final class EndpointSecurity {

    /** Routes open to everyone or owned by the security and management modules, not by the service's controllers. */
    private static final List<String> NOT_THE_SERVICES = List.of("/login", "/logout", "/health", "/prometheus", "/oauth");

    /**
     * One endpoint: its route as the service declares it ({@code GET /api/v1/models/{modelId}}), a request that
     * succeeds for an allowed caller, the roles allowed, and the ingest streams ({@link IngestStreams}) whose keys may
     * write it (none but for the feed routes).
     */
    public record Endpoint(String route, HttpMethod method, String uri, Object body, String contentType,
                           Set<String> allowed, Set<String> streams) {

        /** The same endpoint, written also by the keys of these streams. */
        public Endpoint writtenBy(String... streamRoles) {
            return new Endpoint(route, method, uri, body, contentType, allowed, Set.of(streamRoles));
        }

        @Override
        public String toString() {
            return route;
        }

        MutableHttpRequest<?> request() {
            if (body == null) {
                return HttpRequest.create(method, uri);
            }
            MutableHttpRequest<Object> request = HttpRequest.create(method, uri).body(body);
            return contentType == null ? request : request.contentType(contentType);
        }
    }

    private EndpointSecurity() {
    }

    public static Endpoint read(String template, String uri, String... allowed) {
        return new Endpoint("GET " + template, HttpMethod.GET, uri, null, null, Set.of(allowed), Set.of());
    }

    public static Endpoint write(HttpMethod method, String template, String uri, Object body, String... allowed) {
        return new Endpoint(method + " " + template, method, uri, body, null, Set.of(allowed), Set.of());
    }

    /** A write whose body is not JSON, such as a CSV file ({@code text/csv}). */
    public static Endpoint upload(String template, String uri, byte[] body, String contentType, String... allowed) {
        return new Endpoint("POST " + template, HttpMethod.POST, uri, body, contentType, Set.of(allowed), Set.of());
    }

    /** Every route the service's own controllers serve, as {@code METHOD template}. */
    public static Set<String> routes(Router router) {
        return router.uriRoutes()
                .map(r -> r.getHttpMethod() + " " + r.getUriMatchTemplate().toString())
                .filter(r -> NOT_THE_SERVICES.stream().noneMatch(p -> r.substring(r.indexOf(' ') + 1).startsWith(p)))
                .filter(r -> !r.endsWith(" /") && !r.startsWith("HEAD "))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The routes an endpoint list covers, to compare with {@link #routes}. */
    public static Set<String> covered(List<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::route).collect(Collectors.toCollection(TreeSet::new));
    }

    public static void anonymousIsRefused(BlockingHttpClient http, Endpoint e) {
        MutableHttpRequest<?> request = e.request();
        request.setAttribute(TestCallerFilter.ANONYMOUS, true);
        refused(http, request, 401);
    }

    public static void expiredIsRefused(BlockingHttpClient http, TestTokens tokens, Endpoint e) {
        refused(http, e.request().header("Authorization", tokens.expired()), 401);
    }

    /** Every role not allowed here, one at a time: 403. A BU lead holds a unit claim, as a real one would. */
    public static void otherRolesAreForbidden(BlockingHttpClient http, TestTokens tokens, Endpoint e) {
        for (String role : Roles.ALL) {
            if (e.allowed().contains(role)) {
                continue;
            }
            String bearer = role.equals(Roles.BU_LEAD) ? tokens.businessUnitLead("quark") : tokens.bearer(role);
            Map<String, Object> problem = refused(http, e.request().header("Authorization", bearer), 403);
            assertThat(problem.toString()).as("%s as %s", e, role).doesNotContain(role).doesNotContainIgnoringCase("exception");
        }
    }

    /** With exactly one allowed role, each in turn: a success (2xx). */
    public static void allowedRolesSucceed(BlockingHttpClient http, TestTokens tokens, Endpoint e) {
        for (String role : e.allowed()) {
            HttpResponse<String> answer = http.exchange(e.request().header("Authorization", tokens.bearer(role)), String.class);
            assertThat(answer.getStatus().getCode()).as("%s as %s", e, role).isBetween(200, 299);
        }
    }

    /**
     * A write (any method but GET) made by each allowed role is in the service's audit trail afterwards: the caller's
     * subject, the method and the path, with the request's id.
     */
    @SuppressWarnings("unchecked")
    public static void acceptedWritesAreAudited(BlockingHttpClient http, TestTokens tokens, Endpoint e) {
        if (e.method() == HttpMethod.GET) {
            return;
        }
        String path = URI.create(e.uri()).getPath();
        for (String role : e.allowed()) {
            String bearer = tokens.bearer(role);
            HttpResponse<String> answer = http.exchange(e.request().header("Authorization", bearer), String.class);
            String requestId = answer.getHeaders().get("X-Request-Id");
            assertThat(requestId).as("%s answers its request id", e).isNotBlank();
            Map<String, Object> trail = new ServiceApi(http).get("/api/v1/audit?subject=" + TestTokens.subjectOf(role));
            assertThat((List<Map<String, Object>>) trail.get("entries")).as("the audit trail after %s as %s", e, role)
                    .anySatisfy(entry -> assertThat(entry).containsEntry("method", e.method().name())
                            .containsEntry("path", path).containsEntry("requestId", requestId)
                            .containsEntry("roles", List.of(role)));
        }
    }

    /**
     * The service's ingest keys, one per stream ({@code keys}: the stream's role → the creation's answer): a key
     * writes the endpoint when it is one of its stream's, as a Bearer token and as an HTTP Basic user name, and the
     * write is in the audit trail under the key's id and name; on every other endpoint, reads included, 403.
     */
    @SuppressWarnings("unchecked")
    public static void ingestKeysWriteOnlyTheirStreams(BlockingHttpClient http, Map<String, Map<String, Object>> keys,
                                                       Endpoint e) {
        for (Map.Entry<String, Map<String, Object>> stream : keys.entrySet()) {
            String key = (String) stream.getValue().get("key");
            List<String> credentials = List.of("Bearer " + key, basic(key));
            for (String credential : credentials) {
                MutableHttpRequest<?> request = e.request().header("Authorization", credential);
                String as = e + " with a key of " + stream.getKey() + " (" + credential.substring(0, 6) + ")";
                if (!e.streams().contains(stream.getKey())) {
                    Map<String, Object> problem = refused(http, request, 403);
                    assertThat(problem.toString()).as(as).doesNotContain(key).doesNotContainIgnoringCase("exception");
                    continue;
                }
                HttpResponse<String> answer = http.exchange(request, String.class);
                assertThat(answer.getStatus().getCode()).as(as).isBetween(200, 299);
                String subject = "key:" + stream.getValue().get("id") + ":" + stream.getValue().get("name");
                String requestId = answer.getHeaders().get("X-Request-Id");
                Map<String, Object> trail = new ServiceApi(http).get("/api/v1/audit?subject="
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8));
                assertThat((List<Map<String, Object>>) trail.get("entries")).as("the audit trail after %s", as)
                        .anySatisfy(entry -> assertThat(entry).containsEntry("method", e.method().name())
                                .containsEntry("path", URI.create(e.uri()).getPath()).containsEntry("requestId", requestId)
                                .containsEntry("roles", List.of(stream.getKey())));
            }
        }
    }

    /** HTTP Basic with an ingest key as the user name and no password, as Segment's libraries send a write key. */
    public static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> refused(BlockingHttpClient http, MutableHttpRequest<?> request, int status) {
        return new ServiceApi(http).problem(request, status);
    }
}
