package aikpi.tongyi.customers;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.ServiceApi;
import aikpi.tongyi.TongyiApi;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The customer list (290,000 customers in the demo) is read a page at a time, by keyset on the customer id. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerListPagingTest {

    private static final int CUSTOMERS = 1_150;

    @Inject
    @Client("/")
    HttpClient client;

    TongyiApi api;
    final List<String> ids = new ArrayList<>();

    @BeforeAll
    void customers() {
        api = new TongyiApi(client.toBlocking());
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String id = "page-" + UUID.randomUUID();
            ids.add(id);
            batch.add(i % 3 == 0
                    ? Map.of("customerId", id, "name", "Paged " + i, "kind", "INVESTEE", "onboardedOn", "2024-10-01")
                    : Map.of("customerId", id, "name", "Paged " + i, "kind", "EXTERNAL", "onboardedOn", "2024-10-01"));
            if (batch.size() == 250 || i == CUSTOMERS - 1) {
                api.post("/api/v1/customers", batch);
                batch.clear();
            }
        }
        ids.sort(Comparator.naturalOrder());
    }

    @Test
    void pagingThroughTheListGivesEveryCustomerOnceInIdOrder() {
        List<Object> read = api.getAllPages("/api/v1/customers", 97).stream().map(c -> c.get("customerId"))
                .filter(id -> id.toString().startsWith("page-")).toList();

        assertThat(read).containsExactlyElementsOf(ids);
    }

    @Test
    void aFilteredListIsPagedWithItsFilter() {
        List<Map<String, Object>> read = api.getAllPages("/api/v1/customers?kind=INVESTEE", 50);

        assertThat(read).allSatisfy(c -> assertThat(c).containsEntry("kind", "INVESTEE"));
        assertThat(read).extracting(c -> c.get("customerId").toString()).isSorted().doesNotHaveDuplicates()
                .hasSizeGreaterThanOrEqualTo(CUSTOMERS / 3);
    }

    @Test
    void withoutParametersOnePageOfAtMostAThousandIsAnswered() {
        var page = client.toBlocking().exchange(HttpRequest.GET("/api/v1/customers"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));

        assertThat(page.body()).hasSize(1_000);
        assertThat(page.getHeaders().get("Link")).startsWith("</api/v1/customers?cursor=").endsWith(">; rel=\"next\"");
    }

    @Test
    void aLimitOverAThousandOrACursorNotGivenIs400() {
        api.assertPagingParametersChecked("/api/v1/customers", ServiceApi.FOREIGN_CURSOR);
    }
}
