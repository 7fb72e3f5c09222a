package aikpi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.token.generator.TokenGenerator;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy end to end in one small application: a figure that only the service role reads, a write that only a
 * writer makes, and a declarative client of "tongyi-service" pointed back at the same server.
 */
class ServiceCallsTest {

    static EmbeddedServer server;
    static BlockingHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.application.name", "gateway",
                "spec.name", "ServiceCallsTest",
                "micronaut.server.port", port,
                "micronaut.http.services.tongyi-service.url", "http://localhost:" + port));
        http = server.getApplicationContext().createBean(HttpClient.class, server.getURL()).toBlocking();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Requires(property = "spec.name", value = "ServiceCallsTest")
    @Controller("/figures")
    @Secured(Roles.SERVICE)
    static class Figures {
        /** Answers the caller's token as it arrived. */
        @Get
        String read(@Header(HttpHeaders.AUTHORIZATION) String authorization) {
            return authorization;
        }

        @Secured(Roles.TONGYI_WRITER)
        @Post
        String write() {
            return "written";
        }
    }

    @Requires(property = "spec.name", value = "ServiceCallsTest")
    @Client(id = "tongyi-service")
    interface Tongyi {
        @Get("/figures")
        String figures();
    }

    private String token(List<String> roles, long expiresInSeconds) {
        TokenGenerator generator = server.getApplicationContext().getBean(TokenGenerator.class);
        long now = Instant.now().getEpochSecond();
        return generator.generateToken(Map.of("sub", "someone", "roles", roles, "iat", now, "exp", now + expiresInSeconds))
                .orElseThrow();
    }

    private HttpClientResponseException refused(HttpRequest<?> request) {
        return catchThrowableOfType(HttpClientResponseException.class, () -> http.exchange(request, String.class));
    }

    @Test
    void aServiceCallsAnotherWithItsOwnReadOnlyCredential() throws Exception {
        String sent = server.getApplicationContext().getBean(Tongyi.class).figures();
        assertThat(sent).startsWith("Bearer ");
        SignedJWT jwt = SignedJWT.parse(sent.substring("Bearer ".length()));
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("gateway");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly(Roles.SERVICE);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
    }

    @Test
    void noTokenIs401AsProblemJson() {
        HttpClientResponseException e = refused(HttpRequest.GET("/figures"));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
        assertThat(e.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(e.getResponse().getBody(Map.class).orElseThrow()).containsEntry("status", 401).containsEntry("title", "Unauthorized");
    }

    @Test
    void anExpiredOrForgedTokenIs401() {
        assertThat(refused(HttpRequest.GET("/figures").bearerAuth(token(List.of(Roles.SERVICE), -60))).getStatus().getCode())
                .isEqualTo(401);
        String valid = token(List.of(Roles.SERVICE), 60);
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLW9mLXNvbWVvbmUtZWxzZQ";
        assertThat(refused(HttpRequest.GET("/figures").bearerAuth(forged)).getStatus().getCode()).isEqualTo(401);
    }

    @Test
    void theServiceRoleReadsButNeverWrites() {
        String service = token(List.of(Roles.SERVICE), 60);
        assertThat(http.retrieve(HttpRequest.GET("/figures").bearerAuth(service))).isEqualTo("Bearer " + service);
        HttpClientResponseException e = refused(HttpRequest.POST("/figures", "").bearerAuth(service));
        assertThat(e.getStatus().getCode()).isEqualTo(403);
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).doesNotContain("TONGYI_WRITER").doesNotContain("Roles");
    }

    @Test
    void anotherTeamsWriterIs403AndTheTeamsOwnWriterWrites() {
        assertThat(refused(HttpRequest.POST("/figures", "").bearerAuth(token(List.of(Roles.QUARK_WRITER), 60)))
                .getStatus().getCode()).isEqualTo(403);
        assertThat(http.retrieve(HttpRequest.POST("/figures", "").bearerAuth(token(List.of(Roles.TONGYI_WRITER), 60))))
                .isEqualTo("written");
    }

    @Test
    void developmentUsersGetATokenFromLogin() {
        Map<?, ?> answer = http.retrieve(HttpRequest.POST("/login", Map.of("username", "tongyi-writer", "password", "kpi-dev")),
                Map.class);
        String token = (String) answer.get("access_token");
        assertThat(http.retrieve(HttpRequest.POST("/figures", "").bearerAuth(token))).isEqualTo("written");
        HttpClientResponseException wrong = refused(HttpRequest.POST("/login", Map.of("username", "tongyi-writer", "password", "guess")));
        assertThat(wrong.getStatus().getCode()).isEqualTo(401);
    }
}
