package aikpi.testing;

import aikpi.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * In tests, a request sent without an {@code Authorization} header goes out as a caller holding every role, so
 * tests about figures need not repeat credentials. Tests about security set the header themselves, or mark the
 * request {@link #ANONYMOUS} to send none at all.
 */
@Requires(env = Environment.TEST)
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
public class TestCallerFilter {

    /** A request attribute: send this request without credentials. */
    public static final String ANONYMOUS = "kpi.test.anonymous";

    private final TestTokens tokens;
    private volatile String everyRole;

    public TestCallerFilter(TestTokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    public void authorize(MutableHttpRequest<?> request) {
        if (request.getAttribute(ANONYMOUS).isPresent() || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        if (everyRole == null) {
            everyRole = tokens.bearer(Roles.ALL.toArray(String[]::new));
        }
        request.getHeaders().set(HttpHeaders.AUTHORIZATION, everyRole);
    }
}
