package aikpi.platform.paging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.uri.UriBuilder;
import java.util.List;

/**
 * A page of a list and the cursor of the next ({@code null} at the end). It is answered as the list's JSON array, as
 * before paging, with the next page in a {@code Link: <…>; rel="next"} header (RFC 8288): readers of a list that fits
 * one page see no change, and the array stays the list's representation.
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    /** The array body, and the next page's address (this request's, with the cursor replaced) in a Link header. */
    public HttpResponse<List<T>> respond(HttpRequest<?> request) {
        io.micronaut.http.MutableHttpResponse<List<T>> response = HttpResponse.ok(items);
        if (nextCursor != null) {
            UriBuilder next = UriBuilder.of(request.getPath());
            request.getParameters().forEach((name, values) -> {
                if (!name.equals("cursor")) {
                    values.forEach(v -> next.queryParam(name, v));
                }
            });
            next.queryParam("cursor", nextCursor);
            response.header("Link", "<" + next.build() + ">; rel=\"next\"");
        }
        return response;
    }
}
