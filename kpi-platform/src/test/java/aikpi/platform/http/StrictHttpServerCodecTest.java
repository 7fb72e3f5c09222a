package aikpi.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictHttpServerCodecTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new StrictHttpServerCodec(new HttpDecoderConfig()));

    private List<Object> send(String... packets) {
        for (String packet : packets) {
            channel.writeInbound(Unpooled.copiedBuffer(packet, StandardCharsets.ISO_8859_1));
        }
        List<Object> decoded = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            decoded.add(o);
        }
        return decoded;
    }

    private static HttpRequest onlyRequest(List<Object> decoded) {
        assertThat(decoded).hasSize(1).first().isInstanceOf(HttpRequest.class);
        return (HttpRequest) decoded.get(0);
    }

    @Test
    void pipelinedWellFormedRequestsAreDecodedAsNettyDoes() {
        List<Object> decoded = send("PUT /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}GET /c HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(decoded.stream().filter(HttpRequest.class::isInstance).map(o -> ((HttpRequest) o).uri()))
                .containsExactly("/a", "/b", "/c");
        assertThat(decoded.stream().filter(LastHttpContent.class::isInstance)).hasSize(3);
        assertThat(decoded).allMatch(o -> !(o instanceof HttpRequest r) || r.decoderResult().isSuccess());
    }

    @Test
    void contentLengthWithChunkedFailsTheRequestAndDiscardsTheRest() {
        List<Object> decoded = send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(onlyRequest(decoded).decoderResult().cause()).hasMessageContaining("both Content-Length");
    }

    @Test
    void aTransferCodingOtherThanOneChunkedFails() {
        for (String coding : List.of("chunked, identity", "identity", "gzip, chunked", "chunked\r\nTransfer-Encoding: chunked")) {
            EmbeddedChannel fresh = new EmbeddedChannel(new StrictHttpServerCodec(new HttpDecoderConfig()));
            fresh.writeInbound(Unpooled.copiedBuffer("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding
                    + "\r\n\r\n0\r\n\r\n", StandardCharsets.ISO_8859_1));
            HttpRequest request = fresh.readInbound();
            assertThat(request.decoderResult().isFailure()).as(coding).isTrue();
            assertThat((Object) fresh.readInbound()).as(coding).isNull();
        }
    }

    @Test
    void aFoldedLineFailsEvenWhenItArrivesInALaterPacket() {
        List<Object> decoded = send("POST /a HTTP/1.1\r\nHost: x\r\n", " Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

        assertThat(onlyRequest(decoded).decoderResult().cause()).hasMessageContaining("obsolete line folding");
    }

    @Test
    void aFoldedLineInTheSecondRequestOfAConnectionFails() {
        List<Object> decoded = send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\t2\r\n\r\n");

        assertThat(decoded).hasSize(3);
        assertThat(((HttpRequest) decoded.get(0)).decoderResult().isSuccess()).isTrue();
        assertThat(decoded.get(1)).isInstanceOf(LastHttpContent.class);
        assertThat(((HttpRequest) decoded.get(2)).decoderResult().isFailure()).isTrue();
    }

    @Test
    void spacesInABodyAfterALineBreakAreNotFolding() {
        List<Object> decoded = send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n{\r\n  }\r\n");

        assertThat(((HttpRequest) decoded.get(0)).decoderResult().isSuccess()).isTrue();
        assertThat(((HttpContent) decoded.get(1)).content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("{\r\n  }\r\n");
    }
}
