package aikpi.gateway.drivers;

import aikpi.gateway.SourceDoubles;
import aikpi.testing.ServiceApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What the drivers' HTTP tests share: the client, their answers' parts, and the executive view's own figure. */
abstract class DriversApiSupport extends SourceDoubles {

    static final String DRIVERS = "/api/v1/executive/kpis/";

    @Inject
    @Client("/")
    HttpClient client;

    static <T> CompletableFuture<T> answer(T value) {
        return CompletableFuture.completedFuture(value);
    }

    Map<String, Object> get(String uri) {
        return new ServiceApi(client.toBlocking()).get(uri);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> members(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("members");
    }

    /** A row of the answer that is no member: {@code others} or {@code residual}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Map<String, Object> answer, String name) {
        return (Map<String, Object>) answer.get(name);
    }

    static BigDecimal dec(Object o) {
        return new BigDecimal(o.toString());
    }

    /** The KPI's figure in the executive view of the period, which the drivers' before and after must equal. */
    @SuppressWarnings("unchecked")
    BigDecimal viewFigure(String period, String kpi) {
        Map<String, Object> view = get("/api/v1/executive/ai-conversion?period=" + period);
        return ((List<Map<String, Object>>) view.get("kpis")).stream().filter(k -> kpi.equals(k.get("id")))
                .map(k -> dec(k.get("value"))).findFirst().orElseThrow();
    }
}
