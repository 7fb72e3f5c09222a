package aikpi.quark.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.quark.QuarkApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Segment's Node library (@segment/analytics-node, from npm) pointed at a running quark with its {@code host},
 * {@code path} and {@code writeKey} (an ingest key, which it sends as HTTP Basic). It runs where Node and the package
 * are installed ({@code npm ci} in {@code src/test/node}); elsewhere it is skipped.
 */
@MicronautTest(transactional = false)
class SegmentNodeLibraryTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");
    private static final String NS = "com.quark.node";

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void analyticsNodeWritesWithItsHostPathAndWriteKey() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@segment/analytics-node")),
                "npm ci in quark-service/src/test/node to run Segment's Node library");
        QuarkApi api = new QuarkApi(client.toBlocking());
        api.put("/api/v1/apps/node", Map.of("name", "Node", "businessUnit", "quark", "launchedOn", "2016-06-01",
                "bundleIds", List.of(NS)));
        String key = api.ingestKey("analytics-node", "segment");

        Process node = new ProcessBuilder("node", "send-tracks.js", server.getURL().toString(), key, NS)
                .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).as("the statuses quark answered the library").isEqualTo("[200]");

        assertThat(api.get("/api/v1/apps/node/metrics?period=2025-07-03")).containsEntry("installs", 1)
                .containsEntry("activeUsers", 2);
    }
}
