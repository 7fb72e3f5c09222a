package aikpi.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Every call to one of the suite's services goes out with this service's own credential ({@link ServiceCredential});
 * the call waits, without blocking, while a token is asked of the identity provider.
 */
@ClientFilter(serviceId = {"tongyi-service", "quark-service", "cloud-billing-service"})
public class ServiceCredentialFilter {

    private final ServiceCredential credential;

    public ServiceCredentialFilter(ServiceCredential credential) {
        this.credential = credential;
    }

    @RequestFilter
    public Publisher<MutableHttpRequest<?>> authorize(MutableHttpRequest<?> request) {
        return Mono.from(credential.bearerToken()).map(token -> {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        });
    }
}
