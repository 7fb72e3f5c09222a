package aikpi.gateway.sources;

import aikpi.platform.changes.DataChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a source received since a data version: its changes, and whether more pages were left unread. */
public record ChangeList(List<DataChange> changes, boolean truncated) {

    /** One page of a source's changes and the cursor of the next, read from its {@code Link: rel="next"}. */
    record Page(List<DataChange> items, @Nullable String nextCursor) {

        private static final Pattern NEXT = Pattern.compile("<[^>]*[?&]cursor=([^&>]+)[^>]*>\\s*;\\s*rel=\"next\"");

        static Page of(HttpResponse<List<DataChange>> response) {
            List<DataChange> items = response.getBody().orElse(List.of());
            String link = response.getHeaders().get("Link");
            Matcher m = link == null ? null : NEXT.matcher(link);
            return new Page(items, m != null && m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null);
        }
    }
}
