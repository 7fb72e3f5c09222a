package aikpi.billing.security;

import aikpi.testing.IngestKeysTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** cloud-billing-service's ingest keys ({@link IngestKeysTestBase}); the feed routes they write: BillingEndpointSecurityTest. */
@MicronautTest(transactional = false)
class BillingIngestKeysTest extends IngestKeysTestBase {
}
