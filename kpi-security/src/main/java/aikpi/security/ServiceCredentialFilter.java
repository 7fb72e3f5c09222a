package aikpi.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * Every call to one of the suite's services goes out with this service's own credential ({@link ServiceCredential}).
 */
@ClientFilter(serviceId = {"tongyi-service", "quark-service", "cloud-billing-service"})
public class ServiceCredentialFilter {

    private final ServiceCredential credential;

    public ServiceCredentialFilter(ServiceCredential credential) {
        this.credential = credential;
    }

    @RequestFilter
    public void authorize(MutableHttpRequest<?> request) {
        request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + credential.token());
    }
}
