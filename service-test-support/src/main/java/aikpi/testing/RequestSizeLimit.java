package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The JSON body limit as the READMEs state it: a body of up to {@link #LIMIT} bytes is taken, as sent or after its
 * {@code Content-Encoding: gzip} is undone, and a byte more is 413 problem+json. The bodies are valid JSON padded
 * with whitespace, so the size alone decides. A body that claims gzip and is not is 400 problem+json.
 */
public final class RequestSizeLimit {

    /** 16 MB, the documented {@code <SERVICE>_MAX_REQUEST_SIZE} default. */
    public static final int LIMIT = 16 * 1024 * 1024;

    private RequestSizeLimit() {
    }

    /** @param json a valid body the endpoint takes; it is padded to the limit and to a byte over it */
    public static void check(BlockingHttpClient http, String method, String path, String json) {
        for (boolean gzip : new boolean[] {false, true}) {
            byte[] atLimit = padded(json, LIMIT);
            HttpResponse<?> taken = http.exchange(request(method, path, atLimit, gzip), Map.class);
            assertThat(taken.getStatus().getCode()).as("%s %s, %s bytes, gzip %s", method, path, LIMIT, gzip)
                    .isBetween(200, 299);
            Map<String, Object> problem = new ServiceApi(http).problem(request(method, path, padded(json, LIMIT + 1), gzip), 413);
            assertThat(problem.get("detail")).as("413 detail").isNotNull();
        }
        new ServiceApi(http).problem(request(method, path, json.getBytes(StandardCharsets.UTF_8), false)
                .header("Content-Encoding", "gzip"), 400);
    }

    private static MutableHttpRequest<byte[]> request(String method, String path, byte[] body, boolean gzip) {
        MutableHttpRequest<byte[]> request = HttpRequest.create(io.micronaut.http.HttpMethod.parse(method), path);
        request.body(gzip ? Gzip.compress(body) : body).contentType(MediaType.APPLICATION_JSON_TYPE);
        return gzip ? request.header("Content-Encoding", "gzip") : request;
    }

    /** The JSON followed by spaces up to exactly {@code size} bytes. */
    private static byte[] padded(String json, int size) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(text, size);
        Arrays.fill(body, text.length, size, (byte) ' ');
        return body;
    }
}
