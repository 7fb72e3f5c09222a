package aikpi.tongyi;

import aikpi.testing.ServiceApi;
import io.micronaut.http.client.BlockingHttpClient;
import java.util.List;
import java.util.Map;

/** The service's API as tests call it over HTTP ({@link ServiceApi}), with the fixtures most tests need. */
public final class TongyiApi extends ServiceApi {

    /**
     * Dates no business date can be: far outside the years a database stores unchanged, and the day of the Julian to
     * Gregorian switch.
     */
    public static final List<String> ABSURD_DATES =
            List.of("-999999999-01-01", "+999999999-12-31", "0001-01-01", "1582-10-10");

    public TongyiApi(BlockingHttpClient http) {
        super(http);
    }

    public void model(String id, String vendor, boolean open, String releaseDate) {
        put("/api/v1/models/" + id, Map.of("family", id.split("-")[0], "vendor", vendor, "displayName", id,
                "openSource", open, "releaseDate", releaseDate));
    }

    public void customer(String id, String kind, String onboardedOn) {
        put("/api/v1/customers/" + id, kind.equals("INTERNAL")
                ? Map.of("name", id, "kind", kind, "businessUnit", id, "onboardedOn", onboardedOn)
                : Map.of("name", id, "kind", kind, "onboardedOn", onboardedOn));
    }

    public static Map<String, Object> usage(String eventId, String customer, String model, String at, long in, long out) {
        return Map.of("eventId", eventId, "customerId", customer, "modelId", model, "occurredAt", at,
                "inputTokens", in, "outputTokens", out);
    }
}
