package aikpi.quark.segment;

import aikpi.platform.json.JsonTrees;
import aikpi.security.keys.IngestKeys;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

/**
 * The write key Segment's Java library sends inside the body ({@code {"batch": […], "writeKey": "aik_…"}}) rather than
 * as HTTP Basic: read, before the security filter, from a request to Segment's paths that has no {@code Authorization}
 * header, and left as a request attribute ({@link IngestKeys#BODY_KEY}) for the ingest keys' own authentication, which
 * then treats it as a key sent in the header (its rate limit, refusals, stream roles and audit subject). Only the
 * body's top-level members are read (the calls are skipped, not built); a body that is not a JSON object carries no
 * key.
 */
@ServerFilter("/v1/**")
class SegmentWriteKeyFilter implements Ordered {

    private final JsonMapper json;

    SegmentWriteKeyFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        // Before the ingest keys' own filter, which runs just before the security filter.
        return ServerFilterPhase.SECURITY.before() - 10;
    }

    @RequestFilter
    public void writeKey(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body != null && !request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            String key = writeKey(body);
            if (key != null) {
                request.setAttribute(IngestKeys.BODY_KEY, key);
            }
        }
    }

    @Nullable
    private String writeKey(byte[] body) {
        try (JsonParser p = JsonTrees.parser(json, body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("writeKey")) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException notJson) {
            // The ingest refuses what is wrong with the body once the caller is known; an unknown caller hears 401.
            return null;
        }
    }
}
