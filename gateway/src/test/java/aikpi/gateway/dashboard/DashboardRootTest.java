package aikpi.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /} sends a browser to the dashboard whatever it accepts: a browser asks for HTML, a script may ask for
 * JSON or say nothing, and none of them is refused. The requests go out with the JDK's client, which adds no
 * {@code Accept} header of its own and follows no redirect, so each one carries exactly the headers it names.
 */
@MicronautTest
class DashboardRootTest {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> root(String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/")).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRedirectsToTheDashboard(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/dashboard/index.html");
        assertThat(answer.body()).isEmpty();
        assertThat(answer.headers().firstValue("Content-Type")).as("a redirect with no body names no type").isEmpty();
    }

    @Test
    void aBrowserAcceptingOnlyHtmlIsRedirected() throws Exception {
        assertRedirectsToTheDashboard(root("text/html"));
    }

    @Test
    void aBrowsersUsualAcceptHeaderIsRedirected() throws Exception {
        assertRedirectsToTheDashboard(root("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"));
    }

    @Test
    void aClientAcceptingOnlyJsonIsRedirected() throws Exception {
        assertRedirectsToTheDashboard(root("application/json"));
    }

    @Test
    void aClientSayingNothingIsRedirected() throws Exception {
        assertRedirectsToTheDashboard(root(null));
    }
}
