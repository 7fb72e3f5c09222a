package aikpi.security.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request gets an id ({@code X-Request-Id}: the caller's, when it is a plain token of up to 64 characters, or a
 * new one), answered in the same header and recorded with the write it made. A write the service refuses (401, 403,
 * 400, 413, or another 4xx) is counted on {@code /prometheus} as {@code kpi_refused_writes_total{reason}} and logged
 * with who sent it and the request's id, never with its body. Runs before the security filter, so it sees its 401s
 * and 403s too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class WriteRequests implements Ordered {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "kpi.request-id";
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Logger LOG = LoggerFactory.getLogger(WriteRequests.class);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public WriteRequests(@Nullable MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.METRICS.before();
    }

    /** The request's id, as its audit row and its log lines carry it. */
    public static String id(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String given = request.getHeaders().get(HEADER);
            return given != null && ACCEPTED_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        });
    }

    @RequestFilter
    public void identify(HttpRequest<?> request) {
        request.setAttribute(ATTRIBUTE, id(request));
    }

    @ResponseFilter
    public void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = id(request);
        response.getHeaders().set(HEADER, id);
        int status = response.code();
        if (!WRITES.contains(request.getMethod()) || status < 400 || status >= 500) {
            return;
        }
        String reason = reason(status);
        if (registry != null) {
            counters.computeIfAbsent(reason, r -> Counter.builder("kpi.refused.writes")
                    .description("Writes refused before anything was stored, by reason").tag("reason", r)
                    .register(registry)).increment();
        }
        String caller = request.getUserPrincipal(Authentication.class).map(Authentication::getName).orElse("no valid token");
        LOG.warn("Refused write {} {}: {} {} (caller: {}, request id {}); the body is not logged", request.getMethodName(),
                printable(request.getPath()), status, reason, printable(caller), id);
    }

    /** A path or name as one log line: control characters (a forged line break) replaced. */
    static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 413 -> "too_large";
            default -> "other";
        };
    }
}
