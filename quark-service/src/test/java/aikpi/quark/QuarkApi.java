package aikpi.quark;

import aikpi.testing.ServiceApi;
import io.micronaut.http.client.BlockingHttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The service's API as tests call it over HTTP ({@link ServiceApi}), with the fixtures most tests need. */
public final class QuarkApi extends ServiceApi {

    /**
     * Dates no business date can be: far outside the years a database stores unchanged, and the day of the Julian to
     * Gregorian switch.
     */
    public static final List<String> ABSURD_DATES =
            List.of("-999999999-01-01", "+999999999-12-31", "0001-01-01", "1582-10-10");

    public QuarkApi(BlockingHttpClient http) {
        super(http);
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

    /** A new ingest key of quark for one stream ({@code segment}, {@code events}, {@code days}): the key itself. */
    public String ingestKey(String name, String stream) {
        return (String) post("/api/v1/ingest-keys", Map.of("name", name, "streams", List.of(stream))).get("key");
    }

    /** One app's figures in a period. */
    public Map<String, Object> metrics(String appId, String period) {
        return get("/api/v1/apps/" + appId + "/metrics?period=" + period);
    }

    /** A JSON object of an answer, as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    /** Creates an app fed by daily aggregates. */
    public void aggregatesApp(String id, String businessUnit) {
        put("/api/v1/apps/" + id, Map.of("name", id + " app", "businessUnit", businessUnit, "launchedOn", "2015-01-01",
                "feed", "AGGREGATES"));
    }

    /** PUTs a day of an app fed by daily aggregates (a JSON body as a pipeline sends it); answers the status. */
    public int putDay(String appId, String day, String json) {
        return http.exchange(io.micronaut.http.HttpRequest.PUT("/api/v1/apps/" + appId + "/days/" + day, json)
                .contentType("application/json"), Map.class).getStatus().getCode();
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
