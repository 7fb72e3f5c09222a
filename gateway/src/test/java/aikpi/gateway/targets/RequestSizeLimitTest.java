package aikpi.gateway.targets;

import aikpi.testing.RequestSizeLimit;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A target of up to 16 MB of JSON is taken, plain or gzip-compressed (counted after it is inflated); beyond, 413. */
@MicronautTest(transactional = false)
@Property(name = "micronaut.http.client.read-timeout", value = "120s") // 16 MB bodies on a busy machine
class RequestSizeLimitTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void aBodyUpToTheDocumentedLimitIsTakenPlainOrGzippedAndAByteMoreIs413() {
        RequestSizeLimit.check(client.toBlocking(), "PUT", TargetApiTest.BASE + "FY2030/taobao/toc-ai-sessions",
                "{\"target\": 1000, \"direction\": \"AT_LEAST\", \"weight\": 1, \"period\": \"QUARTER\"}");
    }
}
