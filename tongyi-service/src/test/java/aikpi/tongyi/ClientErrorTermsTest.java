package aikpi.tongyi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 400 says what was wrong in the request's terms (which field, what was expected), never in the parser's or the
 * code's: answers named {@code StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION}, the Java argument
 * {@code usernamePasswordCredentials}, classes and "Failed to convert argument".
 */
@MicronautTest
class ClientErrorTermsTest {

    @Inject
    @Client("/")
    HttpClient client;

    TongyiApi api;

    @BeforeEach
    void fixtures() {
        api = new TongyiApi(client.toBlocking());
    }

    private Map<String, Object> problem(String method, String path, String body) {
        var request = HttpRequest.create(HttpMethod.valueOf(method), path);
        if (body != null) {
            request.body(body.getBytes(StandardCharsets.UTF_8)).contentType("application/json");
        }
        Map<String, Object> problem = api.problem(request, 400);
        assertThat(problem.toString()).as(body).doesNotContain("StreamReadFeature").doesNotContain("REDACTED")
                .doesNotContain("Failed to convert").doesNotContain("Credentials").doesNotContain("aikpi.")
                .doesNotContain("class ").doesNotContain("Error decoding").doesNotContain("[Source");
        return problem;
    }

    private String detail(String method, String path, String body) {
        return (String) problem(method, path, body).get("detail");
    }

    static final String EVENT = "{\"eventId\":\"t-1\",\"customerId\":\"acme\",\"modelId\":\"qwen-max\","
            + "\"occurredAt\":\"2025-02-01T02:00:00Z\",\"inputTokens\":1,\"outputTokens\":1}";

    @Test
    void bodiesThatCannotBeReadAreToldInTheRequestsTerms() {
        String events = "/api/v1/usage/events";
        assertThat(detail("POST", events, "[{\"eventId\": ")).isEqualTo("The body is not valid JSON: Unexpected "
                + "end-of-input within/between Object entries (line 1, column 14).");
        assertThat(detail("POST", events, "[" + EVENT.replace("\"inputTokens\":1", "\"inputTokens\":\"many\"") + "]"))
                .isEqualTo("[0].inputTokens: expected a whole number, found text");
        assertThat(detail("POST", events, "[" + EVENT.replace("2025-02-01T02:00:00Z", "yesterday") + "]"))
                .startsWith("[0].occurredAt: 'yesterday' is not a valid date or time");
        assertThat(detail("POST", events, EVENT)).isEqualTo("the body: expected an array, found an object");
        assertThat(detail("POST", events, "[" + EVENT.replace("{", "{\"eventId\":\"t-0\",") + "]"))
                .startsWith("The key 'eventId' appears twice in one object in [0]");
        assertThat(detail("POST", events, "[" + EVENT.replace("\"inputTokens\":1", "\"inputTokens\":" + "1".repeat(1200)) + "]"))
                .startsWith("A number is 1200 characters long");
        assertThat(detail("PUT", "/api/v1/customers/terms", "{\"name\":\"x\",\"kind\":\"MEGA\",\"onboardedOn\":\"2025-01-10\"}"))
                .isEqualTo("kind: expected one of [EXTERNAL, INTERNAL, INVESTEE] but was 'MEGA'");
        assertThat(detail("PUT", "/api/v1/customers/terms", "{\"name\":\"x\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"10/01/2025\"}"))
                .startsWith("onboardedOn: '10/01/2025' is not a valid date");
        assertThat(detail("PUT", "/api/v1/customers/terms", "{\"name\":\"x\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-02-30\"}"))
                .startsWith("onboardedOn: '2024-02-30' is not a valid date");
        assertThat(detail("PUT", "/api/v1/models/terms", "{\"family\":\"m\",\"vendor\":\"A\",\"displayName\":\"x\","
                + "\"parametersBillions\":\"seven\",\"openSource\":true}"))
                .isEqualTo("parametersBillions: expected a number or its text, found text that is not a number");
        assertThat(detail("POST", events, null)).startsWith("The request has no body");
        assertThat(problem("POST", events, null)).doesNotContainKey("path");
    }

    @Test
    void parametersAndConstraintsAreNamedAsTheRequestNamesThem() {
        assertThat(detail("GET", "/api/v1/customers?kind=MEGA", null))
                .isEqualTo("kind: 'MEGA' is not one of [EXTERNAL, INTERNAL, INVESTEE].");
        assertThat(detail("PUT", "/api/v1/models/terms", "{\"family\":\"m\",\"vendor\":\"A\",\"displayName\":\"x\","
                + "\"parametersBillions\":12345678,\"openSource\":true}")).startsWith("parametersBillions: ");
    }

    /** A login body naming two usernames signed in as the first; a broken one named the Java argument. */
    @Test
    void aLoginBodyIsReadAsStrictlyAsAnyOther() {
        assertThat(detail("POST", "/login", "{\"username\":\"a\",\"username\":\"b\",\"password\":\"x\"}"))
                .startsWith("The key 'username' appears twice");
        assertThat(detail("POST", "/login", "{\"username\":1,\"password\":\"x\"}"))
                .isEqualTo("username: expected text, found a whole number");
        assertThat(detail("POST", "/login", "[]")).isEqualTo("the body: expected an object, found an array");
        assertThat(detail("POST", "/login", "{}")).contains("username: must not be blank");
    }
}
