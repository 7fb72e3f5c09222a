package aikpi.quark.apps;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import aikpi.testing.ServiceApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The app list and an app's feature list are read a page at a time, by keyset on the id. */
@MicronautTest(transactional = false)
class AppListPagingTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void appsAndFeaturesArePagedInIdOrderEachOnce() {
        QuarkApi api = new QuarkApi(client.toBlocking());
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "paged-" + UUID.randomUUID().toString().substring(0, 8);
            apps.add(id);
            api.app(id, "quark", "2024-07-01");
        }
        apps.sort(null);
        List<String> features = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "f-" + UUID.randomUUID().toString().substring(0, 8);
            features.add(id);
            api.feature(apps.get(0), id, "ASSISTANT", "2024-07-01");
        }
        features.sort(null);

        assertThat(api.getAllPages("/api/v1/apps", 2)).extracting(a -> a.get("appId").toString())
                .filteredOn(id -> id.startsWith("paged-")).containsExactlyElementsOf(apps);
        assertThat(api.getAllPages("/api/v1/apps/" + apps.get(0) + "/features", 2))
                .extracting(f -> f.get("featureId").toString()).containsExactlyElementsOf(features);
        api.assertPagingParametersChecked("/api/v1/apps", ServiceApi.FOREIGN_CURSOR);
        api.assertPagingParametersChecked("/api/v1/apps/" + apps.get(0) + "/features", ServiceApi.FOREIGN_CURSOR);
    }
}
