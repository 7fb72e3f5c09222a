package aikpi.quark.http;

import aikpi.security.Roles;
import aikpi.testing.HttpFramingTestBase;
import aikpi.testing.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class QuarkHttpFramingTest extends HttpFramingTestBase {

    @Inject
    TestTokens tokens;

    @Override
    protected ChunkedWrite chunkedWrite() {
        return new ChunkedWrite("PUT", "/api/v1/apps/framing-chunked", tokens.bearer(Roles.QUARK_WRITER),
                "{\"name\":\"Framing\",\"businessUnit\":\"quark\",\"launchedOn\":\"2025-01-01\"}", 201);
    }
}
