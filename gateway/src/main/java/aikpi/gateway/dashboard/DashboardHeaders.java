package aikpi.gateway.dashboard;

import aikpi.security.oidc.IdentityProvider;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;

/**
 * The dashboard's page keeps a bearer token in the browser tab, so it must run no script but its own: a Content
 * Security Policy allows scripts, styles and connections from the gateway only (and the identity provider's token
 * endpoint, which the page calls to finish a sign-in), no framing, and no referrer, so a sign-in code in the page's
 * address never leaves it.
 */
@ServerFilter("/dashboard/**")
public class DashboardHeaders {

    private final BeanProvider<IdentityProvider> provider;

    public DashboardHeaders(BeanProvider<IdentityProvider> provider) {
        this.provider = provider;
    }

    @ResponseFilter
    public void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String connect = provider.find(null).map(idp -> " " + origin(idp.issuer())).orElse("");
        response.getHeaders().set("Content-Security-Policy", "default-src 'none'; script-src 'self'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'" + connect
                + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.getHeaders().set("Referrer-Policy", "no-referrer");
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("X-Frame-Options", "DENY");
    }

    /** The scheme, host and port of a URL: what a CSP source names. */
    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
