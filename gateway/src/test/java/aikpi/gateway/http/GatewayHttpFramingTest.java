package aikpi.gateway.http;

import aikpi.security.Roles;
import aikpi.testing.HttpFramingTestBase;
import aikpi.testing.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class GatewayHttpFramingTest extends HttpFramingTestBase {

    @Inject
    TestTokens tokens;

    @Override
    protected ChunkedWrite chunkedWrite() {
        return new ChunkedWrite("PUT", "/api/v1/targets/FY2025/tmall/toc-ai-sessions", tokens.bearer(Roles.EXECUTIVE),
                "{\"target\":1000,\"direction\":\"AT_LEAST\",\"weight\":1,\"period\":\"QUARTER\","
                        + "\"note\":\"synthetic: framing test\"}", 201);
    }
}
