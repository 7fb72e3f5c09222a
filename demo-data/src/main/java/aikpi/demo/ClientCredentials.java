package aikpi.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The loader's own account at the group's identity provider: an access token with the OAuth 2.0 client-credentials
 * grant at the token endpoint the provider's discovery document names, kept until a minute before it expires.
 */
final class ClientCredentials {

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private String tokenEndpoint;
    private String token;
    private Instant renewAt = Instant.MIN;

    ClientCredentials(String issuer, String clientId, String clientSecret, String scope) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
    }

    /** The account the environment names ({@code KPI_OIDC_ISSUER}, {@code KPI_OIDC_CLIENT_ID}, {@code _SECRET}), or null. */
    static ClientCredentials fromEnvironment(Map<String, String> env) {
        String issuer = env.get("KPI_OIDC_ISSUER");
        if (issuer == null || issuer.isBlank()) {
            return null;
        }
        String id = env.get("KPI_OIDC_CLIENT_ID");
        String secret = env.get("KPI_OIDC_CLIENT_SECRET");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalStateException("KPI_OIDC_ISSUER is set: set KPI_OIDC_CLIENT_ID and KPI_OIDC_CLIENT_SECRET too,"
                    + " the loader's own client at the identity provider (its account needs the writer roles and EXECUTIVE).");
        }
        return new ClientCredentials(issuer.strip(), id.strip(), secret, env.get("KPI_OIDC_SCOPE"));
    }

    synchronized String accessToken() throws IOException, InterruptedException {
        if (token != null && clock.instant().isBefore(renewAt)) {
            return token;
        }
        if (tokenEndpoint == null) {
            JsonNode discovery = get(issuer + "/.well-known/openid-configuration");
            if (!issuer.equals(discovery.path("issuer").asText().replaceAll("/$", ""))) {
                throw new IllegalStateException("The discovery document of " + issuer + " names another issuer: "
                        + discovery.path("issuer").asText());
            }
            tokenEndpoint = discovery.path("token_endpoint").asText();
        }
        String form = "grant_type=client_credentials"
                + (scope == null || scope.isBlank() ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The identity provider refused the loader's client " + clientId + ": "
                    + answer.statusCode() + " " + answer.body());
        }
        JsonNode body = json.readTree(answer.body());
        token = body.path("access_token").asText();
        long lifetime = body.path("expires_in").asLong(300);
        renewAt = clock.instant().plusSeconds(lifetime).minus(RENEW_BEFORE);
        return token;
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode());
        }
        return json.readTree(answer.body());
    }
}
