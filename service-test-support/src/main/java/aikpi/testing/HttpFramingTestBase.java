package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service's HTTP framing test over a raw socket: every request framed as RFC 9112 forbids gets 400 problem+json
 * and a closed connection, and a well-formed chunked request (the subclass's {@link #chunkedWrite()}) is still read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpFramingTestBase {

    /** A write the subclass's service accepts, sent chunked, and the status it answers. */
    public record ChunkedWrite(String method, String path, String authorization, String json, int status) {
    }

    @Inject
    protected EmbeddedServer server;

    protected abstract ChunkedWrite chunkedWrite();

    List<RawHttp.FramingCase> cases() {
        return RawHttp.malformedFraming(chunkedWrite().path());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedFramingIs400AndTheConnectionIsClosed(RawHttp.FramingCase framing) {
        RawHttp.Answer answer = RawHttp.exchange(server.getHost(), server.getPort(), framing.bytes(host()), 5_000);

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.closed()).as("connection closed after the 400").isTrue();
        assertThat(answer.responses()).as("nothing after the request is read as another request").isEqualTo(1);
    }

    @Test
    void aWellFormedChunkedRequestIsReadAndTheConnectionStaysOpen() {
        ChunkedWrite write = chunkedWrite();
        byte[] request = RawHttp.chunked(write.method(), write.path(), host(), write.authorization(), write.json());

        RawHttp.Answer answer = RawHttp.exchange(server.getHost(), server.getPort(), request, 2_000);

        assertThat(answer.status()).as(answer.text()).isEqualTo(write.status());
        assertThat(answer.closed()).as("connection kept open").isFalse();
    }

    private String host() {
        return server.getHost() + ":" + server.getPort();
    }
}
