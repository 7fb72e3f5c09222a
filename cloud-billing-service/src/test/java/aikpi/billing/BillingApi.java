package aikpi.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service's API as tests call it over HTTP, with the fixtures most tests need. */
public final class BillingApi {

    private final BlockingHttpClient http;

    public BillingApi(BlockingHttpClient http) {
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

    public String getText(String uri) {
        return http.retrieve(HttpRequest.GET(uri), String.class);
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

    /** The errors of a rejected batch as "index:id:field". */
    @SuppressWarnings("unchecked")
    public static List<String> offenders(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(e -> e.get("index") + ":" + e.get("id") + ":" + e.get("field")).toList();
    }

    public HttpResponse<Map> groupRevenue(String quarter, String group, String cloud) {
        return put("/api/v1/group-revenue/" + quarter, Map.of("groupRevenueCny", new BigDecimal(group),
                "cloudRevenueCny", new BigDecimal(cloud), "source", "test figures"));
    }

    public HttpResponse<Map> voucher(String id, String customer, String amount, String issuedOn, String expiresOn) {
        return put("/api/v1/vouchers/" + id, Map.of("customerId", customer, "customerKind", "INVESTEE",
                "amountCny", new BigDecimal(amount), "issuedOn", issuedOn, "expiresOn", expiresOn));
    }

    public Map<String, Object> lines(List<Map<String, Object>> batch) {
        return post("/api/v1/ledger/lines", batch);
    }

    /** A cash line; add or replace fields with {@link #with}. */
    public static Map<String, Object> line(String id, String customer, String kind, String product, String amount,
                                           String bookedOn) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("lineId", id);
        line.put("customerId", customer);
        line.put("customerKind", kind);
        if (kind.equals("INTERNAL")) {
            line.put("businessUnit", customer);
        }
        line.put("bookedOn", bookedOn);
        line.put("product", product);
        line.put("amountCny", new BigDecimal(amount));
        line.put("funding", "CASH");
        return line;
    }

    /** A copy of {@code line} with the given field/value pairs set (a null value removes the field). */
    public static Map<String, Object> with(Map<String, Object> line, Object... fieldsAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(line);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] == null) {
                copy.remove((String) fieldsAndValues[i]);
            } else {
                copy.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        return copy;
    }

    /** A JSON number as an exact decimal, for comparing money with {@code isEqualByComparingTo}. */
    public static BigDecimal dec(Object jsonNumber) {
        return jsonNumber == null ? null : new BigDecimal(jsonNumber.toString());
    }
}
