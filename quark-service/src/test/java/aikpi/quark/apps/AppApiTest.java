package aikpi.quark.apps;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class AppApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @BeforeEach
    void client() {
        api = new QuarkApi(client.toBlocking());
    }

    @Test
    void anAppIsCreatedThenReplacedAndListed() {
        HttpResponse<Map> created = api.put("/api/v1/apps/fliggy",
                Map.of("name", "Fliggy", "businessUnit", "fliggy", "launchedOn", "2010-05-01"));
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(created.body()).containsEntry("appId", "fliggy").containsEntry("name", "Fliggy")
                .containsEntry("businessUnit", "fliggy").containsEntry("launchedOn", "2010-05-01");

        HttpResponse<Map> replaced = api.put("/api/v1/apps/fliggy",
                Map.of("name", "飞猪", "businessUnit", "fliggy", "launchedOn", "2010-05-02"));
        assertThat(replaced.getStatus().getCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/apps/fliggy")).containsEntry("name", "飞猪").containsEntry("launchedOn", "2010-05-02");

        api.app("amap", "amap", "2005-01-01");
        assertThat(api.getList("/api/v1/apps")).extracting(a -> a.get("appId")).containsSubsequence("amap", "fliggy");
    }

    @Test
    void anAppHasAFeedAndTheBundleIdsThatNameItInAnalyticsEvents() {
        HttpResponse<Map> plain = api.put("/api/v1/apps/tmall",
                Map.of("name", "Tmall", "businessUnit", "tmall", "launchedOn", "2008-04-10"));
        assertThat(plain.body()).containsEntry("feed", "EVENTS").containsEntry("bundleIds", List.of());
        api.put("/api/v1/apps/tmall", Map.of("name", "Tmall", "businessUnit", "tmall", "launchedOn", "2008-04-10",
                "bundleIds", List.of("com.tmall.wireless", "com.Tmall.iOS", "com.tmall.wireless")));
        // Listed once each, in order; case is kept (bundle ids are matched exactly).
        assertThat(api.get("/api/v1/apps/tmall")).containsEntry("bundleIds", List.of("com.Tmall.iOS", "com.tmall.wireless"));

        // A bundle id names one app.
        Map<String, Object> taken = api.problem(HttpRequest.PUT("/api/v1/apps/tmall-lite", Map.of("name", "Lite",
                "businessUnit", "tmall", "launchedOn", "2020-01-01", "bundleIds", List.of("com.tmall.wireless"))), 409);
        assertThat((String) taken.get("detail")).contains("com.tmall.wireless").contains("'tmall'");
        api.problem(HttpRequest.GET("/api/v1/apps/tmall-lite"), 404);
        // Replacing the app without them frees them.
        api.put("/api/v1/apps/tmall", Map.of("name", "Tmall", "businessUnit", "tmall", "launchedOn", "2008-04-10"));
        assertThat(api.put("/api/v1/apps/tmall-lite", Map.of("name", "Lite", "businessUnit", "tmall",
                "launchedOn", "2020-01-01", "bundleIds", List.of("com.tmall.wireless"))).getStatus().getCode()).isEqualTo(201);

        for (Object bad : List.of(List.of("com tmall"), List.of(".leading-dot"), List.of("x".repeat(256)), "com.tmall")) {
            api.problem(HttpRequest.PUT("/api/v1/apps/tmall", Map.of("name", "Tmall", "businessUnit", "tmall",
                    "launchedOn", "2008-04-10", "bundleIds", bad)), 400);
        }
        api.problem(HttpRequest.PUT("/api/v1/apps/tmall", Map.of("name", "Tmall", "businessUnit", "tmall",
                "launchedOn", "2008-04-10", "feed", "KAFKA")), 400);
    }

    @Test
    void aFeedChangesOnlyWhileTheAppHoldsNoFiguresOfItsPresentFeed() {
        api.app("amap", "amap", "2005-01-01");
        Map<String, Object> aggregates = Map.of("name", "Amap", "businessUnit", "amap", "launchedOn", "2005-01-01",
                "feed", "AGGREGATES");
        // No events yet: it may turn to daily aggregates, and back.
        assertThat(api.put("/api/v1/apps/amap", aggregates).body()).containsEntry("feed", "AGGREGATES");
        api.app("amap", "amap", "2005-01-01");
        api.post("/api/v1/activity/events", List.of(QuarkApi.event("feed-1", "amap", "u1", "2025-01-05T02:00:00Z")));
        Map<String, Object> problem = api.problem(HttpRequest.PUT("/api/v1/apps/amap", aggregates), 409);
        assertThat((String) problem.get("detail")).contains("EVENTS");
        assertThat(api.get("/api/v1/apps/amap")).containsEntry("feed", "EVENTS");
    }

    @Test
    void badAppsAreProblems() {
        api.problem(HttpRequest.GET("/api/v1/apps/missing"), 404);
        // Ids and business units are lower-case slugs.
        api.problem(HttpRequest.PUT("/api/v1/apps/Quark",
                Map.of("name", "Quark", "businessUnit", "quark", "launchedOn", "2016-06-01")), 400);
        Map<String, Object> badUnit = api.problem(HttpRequest.PUT("/api/v1/apps/quark",
                Map.of("name", "Quark", "businessUnit", "Quark Group", "launchedOn", "2016-06-01")), 400);
        assertThat((String) badUnit.get("detail")).contains("businessUnit");
        Map<String, Object> noName = api.problem(HttpRequest.PUT("/api/v1/apps/quark",
                Map.of("businessUnit", "quark", "launchedOn", "2016-06-01")), 400);
        assertThat((String) noName.get("detail")).contains("name");
        api.problem(HttpRequest.PUT("/api/v1/apps/quark", Map.of("name", "Quark", "businessUnit", "quark")), 400);
        api.problem(HttpRequest.PUT("/api/v1/apps/quark",
                Map.of("name", "Quark", "businessUnit", "quark", "launchedOn", "someday")), 400);
    }

    @Test
    void featuresAreCreatedReplacedAndListedPerApp() {
        api.app("quark", "quark", "2016-06-01");
        api.app("tongyi", "tongyi-app", "2023-04-01");
        HttpResponse<Map> created = api.put("/api/v1/apps/quark/features/ai-camera",
                Map.of("name", "AI camera", "kind", "CAMERA", "launchedOn", "2024-11-01"));
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(created.body()).containsEntry("appId", "quark").containsEntry("featureId", "ai-camera")
                .containsEntry("kind", "CAMERA").containsEntry("launchedOn", "2024-11-01").doesNotContainKey("id");
        HttpResponse<Map> replaced = api.put("/api/v1/apps/quark/features/ai-camera",
                Map.of("name", "AI camera (拍照搜)", "kind", "CAMERA", "launchedOn", "2024-11-02"));
        assertThat(replaced.getStatus().getCode()).isEqualTo(200);
        api.feature("quark", "super-box", "SEARCH", "2025-01-01");
        // The same feature id in another app is another feature.
        api.feature("tongyi", "super-box", "ASSISTANT", "2025-02-01");

        List<Map<String, Object>> quark = api.getList("/api/v1/apps/quark/features");
        assertThat(quark).extracting(f -> f.get("featureId") + ":" + f.get("kind"))
                .containsExactly("ai-camera:CAMERA", "super-box:SEARCH");
        assertThat(quark.get(0)).containsEntry("name", "AI camera (拍照搜)").containsEntry("launchedOn", "2024-11-02");
        assertThat(api.getList("/api/v1/apps/tongyi/features")).extracting(f -> f.get("kind")).containsExactly("ASSISTANT");
    }

    @Test
    void badFeaturesAreProblems() {
        api.app("eleme", "eleme", "2009-01-01");
        api.problem(HttpRequest.PUT("/api/v1/apps/nowhere/features/x",
                Map.of("name", "X", "kind", "AGENT", "launchedOn", "2025-04-25")), 404);
        api.problem(HttpRequest.GET("/api/v1/apps/nowhere/features"), 404);
        api.problem(HttpRequest.PUT("/api/v1/apps/eleme/features/rider-assistant",
                Map.of("name", "小饿", "kind", "ROBOT", "launchedOn", "2025-04-25")), 400);
        api.problem(HttpRequest.PUT("/api/v1/apps/eleme/features/Rider_Assistant",
                Map.of("name", "小饿", "kind", "AGENT", "launchedOn", "2025-04-25")), 400);
        api.problem(HttpRequest.PUT("/api/v1/apps/eleme/features/rider-assistant",
                Map.of("name", "", "kind", "AGENT", "launchedOn", "2025-04-25")), 400);
        assertThat(api.getList("/api/v1/apps/eleme/features")).isEmpty();
    }

    @Test
    void absurdLaunchDatesAreRefusedNamingTheFieldAndChangeNothing() {
        api.app("taobao", "taobao", "2003-05-10");
        api.feature("taobao", "wenwen", "ASSISTANT", "2024-09-01");
        for (String date : QuarkApi.ABSURD_DATES) {
            Map<String, Object> newApp = api.problem(HttpRequest.PUT("/api/v1/apps/absurd",
                    Map.of("name", "A", "businessUnit", "quark", "launchedOn", date)), 400);
            assertThat((String) newApp.get("detail")).contains("launchedOn").contains(date);
            api.problem(HttpRequest.PUT("/api/v1/apps/taobao",
                    Map.of("name", "Taobao", "businessUnit", "taobao", "launchedOn", date)), 400);
            Map<String, Object> feature = api.problem(HttpRequest.PUT("/api/v1/apps/taobao/features/wenwen",
                    Map.of("name", "Wenwen", "kind", "ASSISTANT", "launchedOn", date)), 400);
            assertThat((String) feature.get("detail")).contains("launchedOn").contains(date);
            api.problem(HttpRequest.PUT("/api/v1/apps/taobao/features/absurd",
                    Map.of("name", "A", "kind", "AGENT", "launchedOn", date)), 400);
        }
        api.problem(HttpRequest.GET("/api/v1/apps/absurd"), 404);
        assertThat(api.get("/api/v1/apps/taobao")).containsEntry("launchedOn", "2003-05-10");
        assertThat(api.getList("/api/v1/apps/taobao/features")).extracting(f -> f.get("featureId") + ":" + f.get("launchedOn"))
                .containsExactly("wenwen:2024-09-01");
    }
}
