package aikpi.quark.security;

import aikpi.testing.IngestKeysTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** quark-service's ingest keys ({@link IngestKeysTestBase}); the feed routes they write: QuarkEndpointSecurityTest. */
@MicronautTest(transactional = false)
class QuarkIngestKeysTest extends IngestKeysTestBase {
}
