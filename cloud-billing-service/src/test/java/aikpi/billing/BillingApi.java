package aikpi.billing;

import aikpi.testing.ServiceApi;
import aikpi.testing.ServiceInstances;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service's API as tests call it over HTTP ({@link ServiceApi}), with the fixtures most tests need. */
public final class BillingApi extends ServiceApi {

    /**
     * Dates no business date can be: far outside the years a database stores unchanged, and the day of the Julian to
     * Gregorian switch.
     */
    public static final List<String> ABSURD_DATES =
            List.of("-999999999-01-01", "+999999999-12-31", "0001-01-01", "1582-10-10");

    /** The tokens of {@link #largestTokenBatch}: more than a {@code long} holds, and not a round number. */
    public static final BigInteger LARGEST_TOKEN_BATCH_TOKENS = new BigInteger("9999000000000000123");

    public BillingApi(BlockingHttpClient http) {
        super(http);
    }

    /** The API of a running instance the test started itself. */
    public static BillingApi of(EmbeddedServer server) {
        return new BillingApi(ServiceInstances.clientOf(server).toBlocking());
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

    /**
     * The largest batch (10,000 MaaS token lines of one customer, 0.01 CNY each), all lines but the last at the largest
     * token count a line may carry (10^15); the last carries 123 tokens.
     */
    public static List<Map<String, Object>> largestTokenBatch(String idPrefix, String customer, String bookedOn) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(with(line(idPrefix + i, customer, "EXTERNAL", "MAAS_TOKENS", "0.01", bookedOn),
                    "tokens", i < 9_999 ? 1_000_000_000_000_000L : 123L));
        }
        return batch;
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
