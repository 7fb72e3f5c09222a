package aikpi.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.reviews.Review;
import aikpi.gateway.targets.Target.Direction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The page's names, read without a token (the page shows them on its sign-in form too). */
@MicronautTest
class DashboardNamesTest {

    @Inject
    EmbeddedServer server;

    private JsonNode names() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURL() + "/api/v1/dashboard/names")).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }

    @Test
    void everyKpiIsNamedInBothLanguagesWithItsUnitAndDefinition() throws Exception {
        JsonNode kpis = names().path("kpis");
        assertThat(kpis.size()).isEqualTo(KpiDefinition.values().length);
        for (KpiDefinition d : KpiDefinition.values()) {
            assertThat(kpis.path(d.id()).path("zh").asText()).as(d.id()).isEqualTo(d.displayName().zh());
            assertThat(kpis.path(d.id()).path("en").asText()).as(d.id()).isEqualTo(d.displayName().en());
            assertThat(kpis.path(d.id()).path("unit").asText()).as(d.id()).isEqualTo(d.unit());
        }
        assertThat(kpis.path("toc-mau").path("zh").asText()).isEqualTo("月活跃用户");
        assertThat(kpis.path("toc-mau").path("unit").asText()).isEqualTo("users");
    }

    @Test
    void everyReviewStatusAndDirectionIsNamedInBothLanguages() throws Exception {
        JsonNode body = names();
        for (Review.Status s : Review.Status.values()) {
            assertThat(body.path("statuses").path(s.name()).path("zh").asText()).as(s.name()).isNotBlank();
            assertThat(body.path("statuses").path(s.name()).path("en").asText()).as(s.name()).isNotBlank();
        }
        assertThat(body.path("statuses").size()).isEqualTo(Review.Status.values().length);
        assertThat(body.path("statuses").path("AT_RISK").path("zh").asText()).isEqualTo("有风险");
        for (Direction d : Direction.values()) {
            assertThat(body.path("directions").path(d.name()).path("en").asText()).as(d.name()).isNotBlank();
        }
        assertThat(body.path("directions").path("AT_MOST").path("en").asText()).isEqualTo("at most");
    }
}
