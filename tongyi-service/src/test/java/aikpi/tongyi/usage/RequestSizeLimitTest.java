package aikpi.tongyi.usage;

import aikpi.testing.RequestSizeLimit;
import aikpi.tongyi.TongyiApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A usage batch of up to 16 MB is taken, plain or gzip-compressed (counted after it is inflated); beyond, 413. */
@MicronautTest
@Property(name = "micronaut.http.client.read-timeout", value = "120s") // 16 MB bodies on a busy machine
class RequestSizeLimitTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void aBodyUpToTheDocumentedLimitIsTakenPlainOrGzippedAndAByteMoreIs413() {
        TongyiApi api = new TongyiApi(client.toBlocking());
        api.model("qwen-max", "Alibaba", false, "2024-09-19");
        api.customer("acme", "EXTERNAL", "2025-01-10");
        RequestSizeLimit.check(client.toBlocking(), "POST", "/api/v1/usage/events", "[{\"eventId\": \"size-1\", "
                + "\"customerId\": \"acme\", \"modelId\": \"qwen-max\", \"occurredAt\": \"2025-02-01T02:00:00Z\", "
                + "\"inputTokens\": 1, \"outputTokens\": 1}]");
    }
}
