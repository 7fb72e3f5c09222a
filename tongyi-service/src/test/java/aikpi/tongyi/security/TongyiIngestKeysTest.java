package aikpi.tongyi.security;

import aikpi.testing.IngestKeysTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** tongyi-service's ingest keys ({@link IngestKeysTestBase}); the usage routes they write: TongyiEndpointSecurityTest. */
@MicronautTest(transactional = false)
class TongyiIngestKeysTest extends IngestKeysTestBase {
}
