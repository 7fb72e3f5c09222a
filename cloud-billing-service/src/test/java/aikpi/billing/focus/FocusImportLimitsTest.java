package aikpi.billing.focus;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import aikpi.testing.Gzip;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The import's bounds, set small: a larger file, or one that sums to more lines, is 413 and stores nothing. */
@MicronautTest
@Property(name = "kpi.ledger.import.max-size", value = "4KB")
@Property(name = "kpi.ledger.import.max-lines", value = "3")
class FocusImportLimitsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void aFileLargerThanTheLimitIsRefusedWith413() {
        FocusFile f = new FocusFile();
        for (int row = 0; row < 40; row++) {
            f.usage("big-co", "2019-11-01", "1.00", "Compute"); // one ledger line: only the size is over
        }
        assertThat(f.bytes().length).isGreaterThan(4096);
        BillingApi api = new BillingApi(client.toBlocking());
        Map<String, Object> problem = api.problem(FocusImportTest.csv(f.bytes()), 413);
        assertThat((String) problem.get("detail")).contains("BILLING_IMPORT_MAX_SIZE");
        // Compressed, the same file is small on the wire; the limit is on the file, so it is refused all the same.
        assertThat(Gzip.compress(f.bytes()).length).isLessThan(4096);
        api.problem(FocusImportTest.csv(Gzip.compress(f.bytes())).header("Content-Encoding", "gzip"), 413);
        assertThat(api.getList("/api/v1/ledger/imports")).isEmpty();
    }

    @Test
    void aFileThatSumsToMoreLedgerLinesThanOneImportTakesIsRefusedWith413() {
        FocusFile f = new FocusFile();
        for (int day = 1; day <= 4; day++) {
            f.usage("wide-co", String.format("2019-12-%02d", day), "1.00", "Compute");
        }
        BillingApi api = new BillingApi(client.toBlocking());
        assertThat((String) api.problem(FocusImportTest.csv(f.bytes()), 413).get("detail")).contains("BILLING_IMPORT_MAX_LINES");
    }
}
