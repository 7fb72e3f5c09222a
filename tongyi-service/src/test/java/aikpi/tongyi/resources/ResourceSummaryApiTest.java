package aikpi.tongyi.resources;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.TongyiApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GPU bill of a period in total and by model or purpose, worked by hand in the comments. */
@MicronautTest
class ResourceSummaryApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    private static Map<String, Object> entry(String id, String date, String purpose, String model, String hours,
                                             String cost) {
        Map<String, Object> m = new HashMap<>(Map.of("entryId", id, "date", date, "purpose", purpose,
                "gpuHours", new BigDecimal(hours), "costCny", cost));
        if (model != null) {
            m.put("modelId", model);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<String> rows(Map<String, Object> summary) {
        return ((List<Map<String, Object>>) summary.get("rows")).stream()
                .map(r -> r.get("key") + " " + new BigDecimal(r.get("gpuHours").toString()).stripTrailingZeros().toPlainString()
                        + "h " + new BigDecimal(r.get("costCny").toString()).setScale(2)).toList();
    }

    @Test
    void theBillIsSplitByModelAndByPurposeAndEntriesWithoutAModelStayInTheWhole() {
        TongyiApi api = new TongyiApi(client.toBlocking());
        api.model("rs-big", "Alibaba", true, "2023-01-01");
        api.model("rs-small", "Alibaba", true, "2023-01-01");
        api.post("/api/v1/resources/usage", List.of(
                entry("rs-1", "2023-11-02", "TRAINING", "rs-big", "100", "1000.00"),
                entry("rs-2", "2023-11-03", "INFERENCE", "rs-big", "10", "120.50"),
                entry("rs-3", "2023-11-04", "INFERENCE", "rs-small", "2.5", "30.25"),
                entry("rs-4", "2023-11-05", "INFERENCE", null, "4", "49.25"),
                entry("rs-5", "2023-12-01", "INFERENCE", "rs-small", "1", "7.00")));   // December: not November's

        // Whole: 1000.00 + 120.50 + 30.25 + 49.25 = 1,200.00 for 116.5 GPU hours.
        Map<String, Object> byModel = api.get("/api/v1/resources/summary?period=2023-11&groupBy=model");
        assertThat(new BigDecimal(byModel.get("costCny").toString())).isEqualByComparingTo("1200.00");
        assertThat(new BigDecimal(byModel.get("gpuHours").toString())).isEqualByComparingTo("116.5");
        assertThat(byModel).containsEntry("groupBy", "model");
        // rs-big: training and inference, 1,120.50; rs-small 30.25; the 49.25 naming no model is in no row.
        assertThat(rows(byModel)).containsExactly("rs-big 110h 1120.50", "rs-small 2.5h 30.25");

        Map<String, Object> byPurpose = api.get("/api/v1/resources/summary?period=2023-11&groupBy=purpose");
        assertThat(rows(byPurpose)).containsExactly("INFERENCE 16.5h 200.00", "TRAINING 100h 1000.00");

        Map<String, Object> total = api.get("/api/v1/resources/summary?period=2023-Q4");
        assertThat(new BigDecimal(total.get("costCny").toString())).isEqualByComparingTo("1207.00");
        assertThat(rows(total)).isEmpty();
    }

    @Test
    void anUnknownGroupingIsAProblemNamingTheValidOnes() {
        TongyiApi api = new TongyiApi(client.toBlocking());
        Map<String, Object> p = api.problem(HttpRequest.GET("/api/v1/resources/summary?period=2023-11&groupBy=unit"), 400);
        assertThat((String) p.get("detail")).contains("model").contains("purpose");
        api.problem(HttpRequest.GET("/api/v1/resources/summary?period=2023-13"), 400);
    }
}
