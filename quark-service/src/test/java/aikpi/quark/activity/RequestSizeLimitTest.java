package aikpi.quark.activity;

import aikpi.quark.QuarkApi;
import aikpi.testing.RequestSizeLimit;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** An activity batch of up to 16 MB is taken, plain or gzip-compressed (counted after it is inflated); beyond, 413. */
@MicronautTest
@Property(name = "micronaut.http.client.read-timeout", value = "120s") // 16 MB bodies on a busy machine
class RequestSizeLimitTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void aBodyUpToTheDocumentedLimitIsTakenPlainOrGzippedAndAByteMoreIs413() {
        new QuarkApi(client.toBlocking()).app("quark", "quark", "2016-06-01");
        RequestSizeLimit.check(client.toBlocking(), "POST", "/api/v1/activity/events", "[{\"eventId\": \"size-1\", "
                + "\"appId\": \"quark\", \"userId\": \"ann\", \"occurredAt\": \"2025-02-01T02:00:00Z\"}]");
    }
}
