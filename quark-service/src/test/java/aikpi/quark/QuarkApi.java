package aikpi.quark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The service's API as tests call it over HTTP, with the fixtures most tests need. */
public final class QuarkApi {

    private final BlockingHttpClient http;

    public QuarkApi(BlockingHttpClient http) {
        this.http = http;
    }

    public HttpResponse<Map> put(String uri, Object body) {
        return http.exchange(HttpRequest.PUT(uri, body), Map.class);
    }

    public Map<String, Object> post(String uri, Object body) {
        return http.retrieve(HttpRequest.POST(uri, body), Argument.mapOf(String.class, Object.class));
    }

    public Map<String, Object> get(String uri) {
        return http.retrieve(HttpRequest.GET(uri), Argument.mapOf(String.class, Object.class));
    }

    public List<Map<String, Object>> getList(String uri) {
        return http.retrieve(HttpRequest.GET(uri), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    /** Sends a request that must fail; asserts the status and the problem+json shape, and answers the problem. */
    public Map<String, Object> problem(HttpRequest<?> request, int expectedStatus) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.exchange(request, Map.class));
        assertThat(e).as("expected HTTP %s", expectedStatus).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(expectedStatus);
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertThat(body).containsEntry("status", expectedStatus).containsKey("title");
        return body;
    }

    /** The {@code errors} of a rejected batch as "index:field" strings, in order. */
    @SuppressWarnings("unchecked")
    public static List<String> itemErrors(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(e -> e.get("index") + ":" + e.get("field")).toList();
    }

    public void app(String id, String businessUnit, String launchedOn) {
        put("/api/v1/apps/" + id, Map.of("name", id + " app", "businessUnit", businessUnit, "launchedOn", launchedOn));
    }

    public void feature(String appId, String featureId, String kind, String launchedOn) {
        put("/api/v1/apps/" + appId + "/features/" + featureId,
                Map.of("name", featureId + " feature", "kind", kind, "launchedOn", launchedOn));
    }

    public static Map<String, Object> event(String eventId, String appId, String userId, String at) {
        return Map.of("eventId", eventId, "appId", appId, "userId", userId, "occurredAt", at);
    }

    /** An AI session; {@code rating} and {@code value} may be null (left out of the JSON). */
    public static Map<String, Object> session(String sessionId, String appId, String featureId, String userId, String at,
                                              long turns, long agentCalls, String outcome, Integer rating,
                                              boolean converted, String value) {
        Map<String, Object> s = new HashMap<>();
        s.put("sessionId", sessionId);
        s.put("appId", appId);
        s.put("featureId", featureId);
        s.put("userId", userId);
        s.put("startedAt", at);
        s.put("turns", turns);
        s.put("agentCalls", agentCalls);
        s.put("outcome", outcome);
        if (rating != null) {
            s.put("rating", rating);
        }
        s.put("converted", converted);
        if (value != null) {
            s.put("conversionValueCny", new java.math.BigDecimal(value));
        }
        return s;
    }

    /** A number of a JSON answer as a decimal, to compare with {@code isEqualByComparingTo("12.50")}. */
    public static java.math.BigDecimal decimal(Object value) {
        return value == null ? null : new java.math.BigDecimal(value.toString());
    }
}
