package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.List;
import java.util.Map;

/** A service's API as its tests call it over HTTP; each service adds the fixtures its tests need. */
public class ServiceApi {

    protected final BlockingHttpClient http;

    public ServiceApi(BlockingHttpClient http) {
        this.http = http;
    }

    @SuppressWarnings("rawtypes")
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
        assertThat(e).as("%s %s: expected HTTP %s", request.getMethod(), request.getPath(), expectedStatus).isNotNull();
        assertThat(e.getStatus().getCode()).as("%s %s", request.getMethod(), request.getPath()).isEqualTo(expectedStatus);
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertThat(body).containsEntry("status", expectedStatus).containsKey("title");
        return body;
    }
}
