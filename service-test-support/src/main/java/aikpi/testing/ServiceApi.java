package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Reads a list page by page, {@code limit} items at a time, following each page's {@code Link: rel="next"}; checks
     * that every page but the last is full, and answers the items in the order the pages gave them.
     */
    public List<Map<String, Object>> getAllPages(String uri, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        String next = uri + (uri.contains("?") ? "&" : "?") + "limit=" + limit;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages of %s", uri).isLessThan(100_000);
            HttpResponse<List<Map<String, Object>>> page = http.exchange(HttpRequest.GET(next),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
            List<Map<String, Object>> items = page.body();
            next = page.getHeaders().findFirst("Link").map(ServiceApi::nextLink).orElse(null);
            if (next != null) {
                assertThat(items).as("a page before the last of %s", uri).hasSize(limit);
            } else {
                assertThat(items.size()).as("the last page of %s", uri).isLessThanOrEqualTo(limit);
            }
            all.addAll(items);
        }
        return all;
    }

    private static String nextLink(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    /** A list endpoint refuses a limit over 1,000 or under 1 and a cursor it did not give, each with 400 problem+json. */
    public void assertPagingParametersChecked(String uri, String foreignCursor) {
        String sep = uri.contains("?") ? "&" : "?";
        assertThat(problem(HttpRequest.GET(uri + sep + "limit=1001"), 400).get("detail").toString()).contains("limit");
        problem(HttpRequest.GET(uri + sep + "limit=0"), 400);
        problem(HttpRequest.GET(uri + sep + "limit=ten"), 400);
        assertThat(problem(HttpRequest.GET(uri + sep + "cursor=not-a-cursor"), 400).get("detail").toString())
                .contains("cursor");
        problem(HttpRequest.GET(uri + sep + "cursor=" + foreignCursor), 400);
    }

    /** A well-formed cursor of a list no endpoint serves: every list must refuse it. */
    public static final String FOREIGN_CURSOR = "1.bm8tc3VjaC1saXN0.YQ";

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

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
