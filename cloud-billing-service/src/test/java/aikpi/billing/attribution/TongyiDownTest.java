package aikpi.billing.attribution;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With tongyi-service down, the attribution still answers, and says that reconciliation is unavailable. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TongyiDownTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.http.services.tongyi-service.url", "http://127.0.0.1:" + closedPort());
    }

    /** A port that was free a moment ago and that nothing listens on now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAttributionAnswersWithReconciliationUnavailable() {
        BillingApi api = new BillingApi(client.toBlocking());
        api.groupRevenue("2024-Q4", "280154000000", "31742000000");
        api.lines(List.of(BillingApi.with(line("down-1", "acme", "EXTERNAL", "MAAS_TOKENS", "90.00", "2024-10-09"),
                "tokens", 3_000_000)));

        Map<String, Object> a = api.get("/api/v1/attribution?period=2024-Q4");
        assertThat(dec(a.get("cloudSharePct"))).isEqualByComparingTo("11.33");
        Map<String, Object> r = (Map<String, Object>) a.get("reconciliation");
        assertThat(r).containsEntry("status", "UNAVAILABLE").containsEntry("meteredTokens", null)
                .containsEntry("differenceTokens", null).containsEntry("differenceRatio", null)
                .containsEntry("revenuePerMillionTokensCny", null).containsEntry("billedTokens", 3_000_000);
        assertThat((String) r.get("detail")).contains("tongyi-service did not answer");
        // What billing knows alone stands: 90.00 ÷ 3 M × 1 M = 30.
        assertThat(dec(r.get("revenuePerMillionBilledTokensCny"))).isEqualByComparingTo("30");
    }
}
