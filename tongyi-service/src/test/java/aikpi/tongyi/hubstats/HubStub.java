package aikpi.tongyi.hubstats;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Hugging Face Hub's {@code GET /api/models}, in tests that set {@code hub-stub.enabled}: it serves
 * the recorded pages of test resource {@code hub/} (page 1 with a {@code Link: <...>; rel="next"} header to page 2)
 * and remembers the query strings it was asked.
 */
@Requires(property = "hub-stub.enabled", value = "true")
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/models")
public class HubStub {

    static final List<String> QUERIES = new CopyOnWriteArrayList<>();

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> models(HttpRequest<?> request, @QueryValue @Nullable String cursor) throws IOException {
        QUERIES.add(request.getUri().getRawQuery());
        if (cursor == null) {
            return HttpResponse.ok(page(1)).header("Link",
                    "<" + request.getPath() + "?author=Qwen&cursor=page2>; rel=\"next\"");
        }
        return HttpResponse.ok(page(2));
    }

    private static byte[] page(int n) throws IOException {
        try (InputStream in = HubStub.class.getResourceAsStream("/hub/models-page-" + n + ".json")) {
            return in.readAllBytes();
        }
    }
}
