package aikpi.gateway.retention;

import aikpi.gateway.sources.Source;
import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFetcher;
import aikpi.gateway.sources.SourcesUnavailableException;
import aikpi.gateway.sources.quark.QuarkOperations;
import aikpi.gateway.sources.quark.RetentionTable;
import aikpi.platform.problem.NotFoundException;
import aikpi.platform.problem.RetryLaterException;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An app's retention for the executives, read from quark-service with the gateway's own credential and within the
 * sources' timeout: quark's verdict on the parameters (400) and on the app (404) is passed on as the gateway's own; a
 * quark-service that does not answer is a 503, never an empty table. Like every source call, identical tables asked
 * at once are one call, within the source's bound on calls in flight ({@link SourceCalls}).
 */
@Singleton
public class AppRetentionService {

    private final QuarkOperations quark;
    private final SourceFetcher sources;
    private final SourceCalls calls;

    public AppRetentionService(QuarkOperations quark, SourceFetcher sources, SourceCalls calls) {
        this.quark = quark;
        this.sources = sources;
        this.calls = calls;
    }

    public CompletableFuture<RetentionTable> table(String appId, @Nullable String cohort, @Nullable String from,
                                                   @Nullable String to, @Nullable String segment) {
        String key = "retention?" + param("app", appId) + "&" + param("cohort", cohort) + "&" + param("from", from)
                + "&" + param("to", to) + "&" + param("segment", segment);
        return calls.shared(Source.QUARK, key, () -> calls.bounded(Source.QUARK,
                        () -> quark.retention(appId, cohort, from, to, segment))
                .orTimeout(sources.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((table, failure) -> {
                    if (failure != null) {
                        throw refusal(appId, failure);
                    }
                    // Micronaut's declarative client completes with no value when quark answers 404.
                    if (table == null) {
                        throw new NotFoundException("app", appId);
                    }
                    return table;
                }));
    }

    /** One parameter of the key the call is shared by; encoded, so that no two different requests share a key. */
    private static String param(String name, @Nullable String value) {
        return value == null ? name : name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static RuntimeException refusal(String appId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RetryLaterException busy) {
            return busy;
        }
        if (cause instanceof HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            if (status == 404) {
                return new NotFoundException("app", appId);
            }
            if (status == 400) {
                return new InvalidRequestException(detail(e));
            }
        }
        String why = cause instanceof TimeoutException ? "no answer within the sources' timeout" : String.valueOf(cause);
        return SourcesUnavailableException.source(Source.QUARK, "the retention of app " + appId, why);
    }

    /** The detail of quark-service's problem+json, which names the parameter at fault. */
    @SuppressWarnings("rawtypes")
    private static String detail(HttpClientResponseException e) {
        return e.getResponse().getBody(Map.class).map(body -> body.get("detail")).map(String::valueOf)
                .orElse("quark-service refused the parameters.");
    }
}
