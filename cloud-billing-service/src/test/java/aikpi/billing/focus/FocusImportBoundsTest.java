package aikpi.billing.focus;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import aikpi.security.Roles;
import aikpi.testing.Gzip;
import aikpi.testing.TestTokens;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The import's bounds at their defaults, against the inputs that ran the service out of memory: one giant cell, a
 * small gzip stream that inflates to gigabytes, a header of endless commas. Each is refused with 413 problem+json
 * naming the line, the column and the bound, after reading little more than the bound; the bodies are generated as
 * they are sent, never held.
 */
@MicronautTest
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // refused quickly, or not at all before the bounds
class FocusImportBoundsTest {

    private static final String HEADER = String.join(",", FocusFile.COLUMNS) + "\n";
    /** A row up to its Tags cell, which the body then makes endless. */
    private static final String ROW_TO_TAGS = "acc,acc name,2024-10-01T00:00:00Z,2024-11-01T00:00:00Z,2024-10-03T04:00:00Z,"
            + "2024-10-03T05:00:00Z,Usage,,row,1.00,1.00,CNY,Compute,Compute service,,,,,\"{";

    /** A plain client: it streams a body as it is read, in chunks. */
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Inject
    TestTokens tokens;

    private HttpResponse<String> post(InputStream body, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort()
                        + "/api/v1/ledger/imports"))
                .header("Content-Type", "text/csv").header("Authorization", tokens.bearer(Roles.BILLING_WRITER))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String refused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return response.body();
    }

    @Test
    void aCellOf400MegabytesIsRefusedNamingItsLineAndColumn() throws Exception {
        long start = System.nanoTime();
        String problem = refused(post(new SequenceInputStream(text(HEADER + ROW_TO_TAGS), repeated('x', 400L << 20)), false));
        assertThat(problem).contains("line 2", "Tags", "65536 characters", "BILLING_IMPORT_MAX_FIELD_LENGTH");
        System.out.printf("a 400 MB cell refused in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(new BillingApi(client.toBlocking()).getList("/api/v1/ledger/imports")).isEmpty();
    }

    @Test
    void aTwoMegabyteGzipStreamThatInflatesToTwoGigabytesIsRefused() throws Exception {
        byte[] bomb = Gzip.bomb(HEADER + ROW_TO_TAGS, 'x');
        assertThat(bomb.length).isLessThan(3 << 20);
        String problem = refused(post(new java.io.ByteArrayInputStream(bomb), true));
        assertThat(problem).contains("line 2", "Tags", "65536 characters");
    }

    @Test
    void aHeaderOfEndlessCommasIsRefusedAtItsColumnBound() throws Exception {
        String problem = refused(post(repeated(',', 256L << 20), false));
        assertThat(problem).contains("header", "1000 columns", "BILLING_IMPORT_MAX_COLUMNS");
        refused(post(new java.io.ByteArrayInputStream(Gzip.bomb("", ',')), true));
    }

    @Test
    void aRowWithoutALineBreakIsRefusedAtTheRowBound() throws Exception {
        // Fields of 60,000 characters, within the field bound, in a row of 256 MB.
        InputStream row = new InputStream() {
            long left = 256L << 20;

            @Override
            public int read() {
                return left-- <= 0 ? -1 : left % 60_000 == 0 ? ',' : 'y';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                for (int c; n < len && (c = read()) >= 0; n++) {
                    b[off + n] = (byte) c;
                }
                return n == 0 && len > 0 ? -1 : n;
            }
        };
        String problem = refused(post(new SequenceInputStream(text(HEADER), row), false));
        assertThat(problem).contains("line 2", "1048576 characters", "BILLING_IMPORT_MAX_ROW_LENGTH");
    }

    private static InputStream text(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code count} bytes of {@code c}, made as they are read. */
    private static InputStream repeated(char c, long count) {
        return new InputStream() {
            long left = count;

            @Override
            public int read() {
                return left-- > 0 ? c : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) c);
                left -= n;
                return n;
            }
        };
    }
}
