package aikpi.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Subscriptions over HTTP: created, replaced, read, listed a page at a time and deleted; a generated secret shown
 * once and never again, a stored one only encrypted; executives handle every scope, a unit's lead only its own; bad
 * input refused naming the field, with nothing stored; every change in the audit trail.
 */
@MicronautTest(transactional = false)
class SubscriptionApiTest {

    static final String SUBSCRIPTIONS = "/api/v1/subscriptions/";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    @Inject
    Transactions transactions;

    String executive() {
        return tokens.bearer(Roles.EXECUTIVE);
    }

    static String newId() {
        return "s-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> webhook(String scope) {
        Map<String, Object> body = new HashMap<>();
        body.put("scopes", List.of(scope));
        body.put("types", List.of(NoticeTypes.FLOOR_BROKEN, NoticeTypes.STATUS_CHANGED));
        body.put("channel", "webhook");
        body.put("target", "https://hooks.example.com/aikpi");
        body.put("language", "zh");
        body.put("digest", "weekly");
        return body;
    }

    HttpResponse<Map<String, Object>> put(String id, Map<String, Object> body, String bearer) {
        return client.toBlocking().exchange(HttpRequest.PUT(SUBSCRIPTIONS + id, body)
                .header(HttpHeaders.AUTHORIZATION, bearer), Argument.mapOf(String.class, Object.class));
    }

    Map<String, Object> get(String id, String bearer) {
        return client.toBlocking().retrieve(HttpRequest.GET(SUBSCRIPTIONS + id).header(HttpHeaders.AUTHORIZATION, bearer),
                Argument.mapOf(String.class, Object.class));
    }

    Map<String, Object> problem(MutableHttpRequest<?> request, String bearer, int status) {
        return new ServiceApi(client.toBlocking()).problem(request.header(HttpHeaders.AUTHORIZATION, bearer), status);
    }

    List<Map<String, Object>> list(String bearer) {
        return client.toBlocking().retrieve(HttpRequest.GET(SUBSCRIPTIONS).header(HttpHeaders.AUTHORIZATION, bearer),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    String storedSecret(String id) {
        return transactions.read(c -> {
            try (var ps = c.prepareStatement("SELECT secret FROM notification_subscription WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Test
    void aWebhookSubscriptionGetsASecretShownOnceAndStoredEncrypted() {
        String id = newId();
        HttpResponse<Map<String, Object>> created = put(id, webhook("quark"), executive());
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> body = created.body();
        String secret = (String) body.get("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(body).containsEntry("hasSecret", true).containsEntry("language", "zh").containsEntry("digest", "weekly")
                .containsEntry("createdBy", TestTokens.subjectOf(Roles.EXECUTIVE));
        assertThat(storedSecret(id)).startsWith("aesgcm:").doesNotContain(secret.substring(6));

        // Never answered again: not on reading, not on replacing (which keeps the secret).
        assertThat(get(id, executive())).containsEntry("secret", null).containsEntry("hasSecret", true);
        String sealed = storedSecret(id);
        Map<String, Object> changed = webhook("quark");
        changed.put("types", List.of(NoticeTypes.VANITY_FIRED));
        HttpResponse<Map<String, Object>> replaced = put(id, changed, executive());
        assertThat(replaced.getStatus().getCode()).isEqualTo(200);
        assertThat(replaced.body()).containsEntry("secret", null).containsEntry("types", List.of(NoticeTypes.VANITY_FIRED));
        assertThat(storedSecret(id)).isEqualTo(sealed);
        assertThat(client.toBlocking().retrieve(HttpRequest.GET(SUBSCRIPTIONS).header(HttpHeaders.AUTHORIZATION,
                executive()))).doesNotContain(secret.substring(6)).doesNotContain("aesgcm");
    }

    @Test
    void aGivenSecretOrAnEnvironmentReferenceIsKeptAndNeverAnswered() {
        String given = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        Map<String, Object> body = webhook("tmall");
        body.put("secret", given);
        String id = newId();
        assertThat(put(id, body, executive()).body()).containsEntry("secret", null).containsEntry("hasSecret", true);
        assertThat(storedSecret(id)).startsWith("aesgcm:");

        body.put("secret", "env:TMALL_WEBHOOK_SECRET");
        String ref = newId();
        assertThat(put(ref, body, executive()).body()).containsEntry("secret", null);
        assertThat(storedSecret(ref)).isEqualTo("env:TMALL_WEBHOOK_SECRET");
    }

    @Test
    void deletedIsGone() {
        String id = newId();
        put(id, webhook("amap"), executive());
        HttpResponse<?> deleted = client.toBlocking().exchange(HttpRequest.DELETE(SUBSCRIPTIONS + id)
                .header(HttpHeaders.AUTHORIZATION, executive()));
        assertThat(deleted.getStatus().getCode()).isEqualTo(204);
        problem(HttpRequest.GET(SUBSCRIPTIONS + id), executive(), 404);
        problem(HttpRequest.DELETE(SUBSCRIPTIONS + id), executive(), 404);
    }

    @Test
    void aLeadSubscribesOnlyItsOwnUnitAndSeesOnlyItsOwnUnitsSubscriptions() {
        String lead = tokens.businessUnitLead("fliggy");
        String own = newId();
        assertThat(put(own, webhook("fliggy"), lead).getStatus().getCode()).isEqualTo(201);
        assertThat(get(own, lead)).containsEntry("scopes", List.of("fliggy"));
        String executives = newId();
        Map<String, Object> both = webhook("fliggy");
        both.put("scopes", List.of("fliggy", "group"));
        put(executives, both, executive());

        // Another unit, the group, or a subscription that also hears the group: 403, and nothing stored.
        String refused = newId();
        problem(HttpRequest.PUT(SUBSCRIPTIONS + refused, webhook("taobao")), lead, 403);
        problem(HttpRequest.PUT(SUBSCRIPTIONS + refused, both), lead, 403);
        problem(HttpRequest.GET(SUBSCRIPTIONS + refused), executive(), 404);
        problem(HttpRequest.GET(SUBSCRIPTIONS + executives), lead, 403);
        problem(HttpRequest.DELETE(SUBSCRIPTIONS + executives), lead, 403);
        // Nor may it take over the executives' subscription by replacing it with its own unit.
        problem(HttpRequest.PUT(SUBSCRIPTIONS + executives, webhook("fliggy")), lead, 403);
        assertThat(get(executives, executive())).containsEntry("scopes", List.of("fliggy", "group"));

        List<Map<String, Object>> seen = list(lead);
        assertThat(seen).extracting(s -> s.get("id")).contains(own).doesNotContain(executives);
        assertThat(seen).allSatisfy(s -> assertThat(s).containsEntry("scopes", List.of("fliggy")));
        List<Map<String, Object>> all = list(executive());
        assertThat(all).extracting(s -> s.get("id")).contains(own, executives);
    }

    @Test
    void theListComesAPageAtATime() {
        for (int i = 0; i < 3; i++) {
            put(newId(), webhook("eleme"), executive());
        }
        ServiceApi api = new ServiceApi(client.toBlocking());
        List<Map<String, Object>> paged = api.getAllPages(SUBSCRIPTIONS.substring(0, SUBSCRIPTIONS.length() - 1), 1);
        List<Map<String, Object>> whole = api.getList(SUBSCRIPTIONS.substring(0, SUBSCRIPTIONS.length() - 1));
        assertThat(paged).extracting(s -> s.get("id")).containsExactlyElementsOf(whole.stream().map(s -> s.get("id")).toList());
        assertThat(paged.size()).isGreaterThanOrEqualTo(3);
        api.assertPagingParametersChecked(SUBSCRIPTIONS.substring(0, SUBSCRIPTIONS.length() - 1), ServiceApi.FOREIGN_CURSOR);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyChangeIsAudited() {
        String id = newId();
        put(id, webhook("taobao"), executive());
        client.toBlocking().exchange(HttpRequest.DELETE(SUBSCRIPTIONS + id).header(HttpHeaders.AUTHORIZATION, executive()));
        Map<String, Object> trail = new ServiceApi(client.toBlocking()).get("/api/v1/audit?subject="
                + TestTokens.subjectOf(Roles.EXECUTIVE));
        List<Map<String, Object>> entries = (List<Map<String, Object>>) trail.get("entries");
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("method", "PUT")
                .containsEntry("path", SUBSCRIPTIONS + id).containsEntry("outcome", "CREATED"));
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("method", "DELETE")
                .containsEntry("path", SUBSCRIPTIONS + id).containsEntry("outcome", "DELETED"));
    }

    /** Bad input: 400 problem+json naming the field, and nothing stored. */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> badInputIsRefusedNamingTheField() {
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("scopes", with("scopes", List.of("atlantis")));
        cases.put("scopes ", with("scopes", List.of()));
        cases.put("types", with("types", List.of("aikpi.review.made-up")));
        cases.put("types ", with("types", null));
        cases.put("channel", with("channel", "pigeon"));
        cases.put("target", with("target", "ftp://hooks.example.com/x"));
        cases.put("target ", with("target", "javascript:alert(1)"));
        cases.put("target  ", with("target", "https://user:pw@hooks.example.com/x"));
        cases.put("target   ", with("target", null));
        cases.put("secret", with("secret", "not-a-standard-webhooks-secret"));
        cases.put("secret ", with("secret", "whsec_" + Base64.getEncoder().encodeToString(new byte[8])));
        cases.put("secret  ", with("secret", "env:lower-case"));
        cases.put("language", with("language", "fr"));
        cases.put("digest", with("digest", "hourly"));
        Map<String, Object> email = webhook("quark");
        email.put("channel", "email");
        email.put("target", "not an address");
        cases.put("target    ", email);
        Map<String, Object> slackSecret = webhook("quark");
        slackSecret.put("channel", "slack");
        slackSecret.put("secret", "env:SLACK_SECRET");
        cases.put("secret   ", slackSecret);
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey().trim() + " " + c.getValue(), () -> {
            String id = newId();
            Map<String, Object> problem = problem(HttpRequest.PUT(SUBSCRIPTIONS + id, c.getValue()), executive(), 400);
            assertThat((List<Map<String, Object>>) problem.get("errors"))
                    .anySatisfy(e -> assertThat(e).containsEntry("field", c.getKey().trim()));
            problem(HttpRequest.GET(SUBSCRIPTIONS + id), executive(), 404);
        }));
    }

    @Test
    void aBadIdIsRefused() {
        problem(HttpRequest.PUT(SUBSCRIPTIONS + "-starts-with-a-dash", webhook("quark")), executive(), 400);
    }

    static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = webhook("quark");
        body.put(field, value);
        return body;
    }
}
