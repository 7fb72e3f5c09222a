package aikpi.security.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ingest key a request carries in its {@code Authorization} header: {@code Bearer aik_…}, or HTTP Basic with the
 * key as the user name and an empty password (a Segment write key); without that header, a key a filter of the service
 * found in the body ({@link IngestKeys#BODY_KEY}: Segment's Java library sends its write key there). Any other
 * credential is not a key: JWT bearer tokens ({@code eyJ…}) go on to the token authentication as before.
 */
final class PresentedKey {

    private PresentedKey() {
    }

    @Nullable
    static String of(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return request.getAttribute(IngestKeys.BODY_KEY, String.class)
                    .filter(key -> key.startsWith(IngestKeys.PREFIX)).orElse(null);
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).strip();
            return token.startsWith(IngestKeys.PREFIX) ? token : null;
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.startsWith(IngestKeys.PREFIX) ? user : null;
        }
        return null;
    }
}
