package aikpi.security.login;

import aikpi.platform.problem.RetryLaterException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.async.annotation.SingleResult;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authenticator;
import io.micronaut.security.authentication.UsernamePasswordCredentials;
import io.micronaut.security.endpoints.LoginController;
import io.micronaut.security.endpoints.LoginControllerConfiguration;
import io.micronaut.security.event.LoginFailedEvent;
import io.micronaut.security.event.LoginSuccessfulEvent;
import io.micronaut.security.handlers.LoginHandler;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.net.InetSocketAddress;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Micronaut Security's {@code POST /login}, behind the {@link LoginThrottle}: an attempt for a user or from an address
 * that has used up its failures is refused (429) before any password is checked.
 */
@Replaces(LoginController.class)
@Requires(property = "micronaut.security.endpoints.login.enabled", notEquals = StringUtils.FALSE,
        defaultValue = StringUtils.TRUE)
@Requires(beans = {LoginHandler.class, Authenticator.class, HttpHostResolver.class})
@Controller("${micronaut.security.endpoints.login.path:/login}")
@Secured(SecurityRule.IS_ANONYMOUS)
public class ThrottledLoginController<B> extends LoginController<B> {

    private final LoginThrottle throttle;

    public ThrottledLoginController(Authenticator<HttpRequest<B>> authenticator,
                                    LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> loginHandler,
                                    ApplicationEventPublisher<LoginSuccessfulEvent> loginSuccessfulEventPublisher,
                                    ApplicationEventPublisher<LoginFailedEvent> loginFailedEventPublisher,
                                    HttpHostResolver httpHostResolver, HttpLocaleResolver httpLocaleResolver,
                                    LoginControllerConfiguration loginControllerConfiguration, LoginThrottle throttle) {
        super(authenticator, loginHandler, loginSuccessfulEventPublisher, loginFailedEventPublisher, httpHostResolver,
                httpLocaleResolver, loginControllerConfiguration);
        this.throttle = throttle;
    }

    @Override
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    @Post
    @SingleResult
    public Publisher<MutableHttpResponse<?>> login(@Valid @Body UsernamePasswordCredentials credentials,
                                                    HttpRequest<B> request) {
        String user = String.valueOf(credentials.getUsername());
        String address = address(request);
        try {
            throttle.admit(user, address);
        } catch (RetryLaterException e) {
            return Mono.error(e);
        }
        return Mono.from(super.login(credentials, request)).doOnNext(response -> {
            if (response.getStatus().getCode() < 300) {
                throttle.succeeded(user, address);
            }
        });
    }

    /**
     * The peer's address: forwarding headers are the client's to write, and trusting them would hand every guesser a
     * fresh address per request. Behind a proxy all callers share its address, and the per-user limit still holds.
     */
    private static String address(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
