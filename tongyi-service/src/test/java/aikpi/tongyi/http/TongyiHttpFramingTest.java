package aikpi.tongyi.http;

import aikpi.security.Roles;
import aikpi.testing.HttpFramingTestBase;
import aikpi.testing.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class TongyiHttpFramingTest extends HttpFramingTestBase {

    @Inject
    TestTokens tokens;

    @Override
    protected ChunkedWrite chunkedWrite() {
        return new ChunkedWrite("PUT", "/api/v1/customers/framing-chunked", tokens.bearer(Roles.TONGYI_WRITER),
                "{\"name\":\"Framing\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2025-01-02\"}", 201);
    }
}
