package aikpi.billing.http;

import aikpi.security.Roles;
import aikpi.testing.HttpFramingTestBase;
import aikpi.testing.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class BillingHttpFramingTest extends HttpFramingTestBase {

    @Inject
    TestTokens tokens;

    @Override
    protected ChunkedWrite chunkedWrite() {
        return new ChunkedWrite("PUT", "/api/v1/vouchers/framing-chunked", tokens.bearer(Roles.BILLING_WRITER),
                "{\"customerId\":\"minimax\",\"customerKind\":\"INVESTEE\",\"amountCny\":50.00,"
                        + "\"issuedOn\":\"2024-10-01\",\"expiresOn\":\"2024-12-31\"}", 201);
    }
}
