package aikpi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a development run lets one in: {@code POST /login} with the development password, a limited number of times
 * per user and per address, and never a password on each request (HTTP Basic). Each test runs its own gateway, so
 * the counts of one do not reach another; every request comes from the loopback address.
 */
class SignInLimitsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static EmbeddedServer gateway(Map<String, Object> properties) {
        return ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST);
    }

    private HttpResponse<String> login(EmbeddedServer server, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void refusedForNow(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(s ->
                assertThat(Long.parseLong(s)).isPositive());
        assertThat(r.body()).contains("try again in").doesNotContainIgnoringCase("exception");
    }

    @Test
    void twoHundredWrongGuessesThenTheRightPasswordIsStillRefused() throws Exception {
        try (EmbeddedServer server = gateway(Map.of())) {
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = login(server, "executive", "guess-" + i);
                assertThat(r.statusCode()).isIn(401, 429);
                if (r.statusCode() == 429) {
                    refusedForNow(r);
                    refused++;
                }
            }
            // The default: 10 failures per user in the window, then every attempt is refused unchecked.
            assertThat(refused).isEqualTo(190);
            refusedForNow(login(server, "executive", "kpi-dev"));
        }
    }

    @Test
    void anAddressOutOfAttemptsIsRefusedForEveryUserEvenAfterASuccess() throws Exception {
        try (EmbeddedServer server = gateway(Map.of("kpi.security.login.max-failures-per-address", 4))) {
            assertThat(login(server, "tongyi-writer", "wrong").statusCode()).isEqualTo(401);
            assertThat(login(server, "quark-writer", "wrong").statusCode()).isEqualTo(401);
            assertThat(login(server, "executive", "kpi-dev").statusCode()).isEqualTo(200);
            assertThat(login(server, "billing-writer", "wrong").statusCode()).isEqualTo(401);
            assertThat(login(server, "lead-quark", "wrong").statusCode()).isEqualTo(401);
            refusedForNow(login(server, "executive", "kpi-dev"));
        }
    }

    @Test
    void aPasswordOnEachRequestIsNotTaken() throws Exception {
        try (EmbeddedServer server = gateway(Map.of())) {
            String basic = "Basic " + Base64.getEncoder().encodeToString("executive:kpi-dev".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/targets/FY2025"))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).doesNotContain("targets");
        }
    }
}
