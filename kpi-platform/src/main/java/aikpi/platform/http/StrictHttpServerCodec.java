package aikpi.platform.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * Netty's {@code HttpServerCodec} with request framing read as RFC 9112 requires of a server. Netty accepts a request
 * carrying both Content-Length and Transfer-Encoding (it drops the length), a Transfer-Encoding whose last coding is
 * not {@code chunked}, and obsolete line folding (it joins the lines): each lets a proxy in front and this service
 * disagree on where a request ends (request smuggling). Such a request is marked failed, as Netty marks the requests
 * it cannot parse: Micronaut answers 400 and closes the connection, and the rest of the connection's bytes are
 * discarded unread. Netty's decoder offers no setting for these cases, and its codec is final, hence this copy of
 * the codec's small method queue (a response to HEAD has no body).
 */
final class StrictHttpServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder>
        implements HttpServerUpgradeHandler.SourceCodec {

    static final String BOTH_LENGTHS = "The request has both Content-Length and Transfer-Encoding; send one of them.";

    private final Queue<HttpMethod> methods = new ArrayDeque<>();

    StrictHttpServerCodec(HttpDecoderConfig config) {
        init(new StrictRequestDecoder(config), new MethodAwareResponseEncoder());
    }

    @Override
    public void upgradeFrom(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
    }

    /** Thrown into Netty's own failure path; its message is what the 400 says. */
    static final class FramingException extends IllegalArgumentException {
        FramingException(String message) {
            super(message);
        }
    }

    private final class StrictRequestDecoder extends HttpRequestDecoder {

        /** True while the bytes ahead belong to a request's start line and header section. */
        private boolean inHeaderSection = true;
        /** True until the request line of the current request has been seen (blank lines may precede it). */
        private boolean beforeRequestLine = true;
        private boolean rejected;

        StrictRequestDecoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (rejected) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            String folding = inHeaderSection ? findLineFolding(buffer) : null;
            if (folding != null) {
                HttpRequest invalid = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request",
                        Unpooled.EMPTY_BUFFER);
                reject(invalid, folding, out, buffer);
                return;
            }
            int first = out.size();
            super.decode(ctx, buffer, out);
            for (int i = first; i < out.size(); i++) {
                Object message = out.get(i);
                if (message instanceof HttpRequest request) {
                    inHeaderSection = false;
                    String problem = request.decoderResult().isSuccess() ? framingProblem(request) : null;
                    if (problem != null) {
                        for (int j = out.size() - 1; j > i; j--) {
                            ReferenceCountUtil.release(out.remove(j));
                        }
                        out.remove(i);
                        reject(request, problem, out, buffer);
                        return;
                    }
                    rejected = request.decoderResult().isFailure();
                    methods.add(request.method());
                } else if (message instanceof LastHttpContent) {
                    inHeaderSection = true;
                    beforeRequestLine = true;
                }
            }
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw new FramingException(BOTH_LENGTHS);
        }

        private void reject(HttpRequest request, String problem, List<Object> out, ByteBuf buffer) {
            request.setDecoderResult(DecoderResult.failure(new FramingException(problem)));
            out.add(request);
            methods.add(request.method());
            rejected = true;
            buffer.skipBytes(buffer.readableBytes());
        }

        /**
         * Looks through the header-section bytes not yet consumed for a line that starts with a space or a tab:
         * obsolete line folding, or whitespace before the request line. Netty consumes only whole lines, so what is
         * readable here always starts at the beginning of a line.
         */
        private String findLineFolding(ByteBuf buffer) {
            int end = buffer.writerIndex();
            int lineStart = buffer.readerIndex();
            while (lineStart < end) {
                byte first = buffer.getByte(lineStart);
                if (first == ' ' || first == '\t') {
                    return beforeRequestLine
                            ? "The request line is preceded by whitespace."
                            : "A header line starts with whitespace (obsolete line folding); send each field on one line.";
                }
                int lineEnd = buffer.indexOf(lineStart, end, (byte) '\n');
                if (lineEnd < 0) {
                    return null;
                }
                boolean blank = first == '\n' || (first == '\r' && lineEnd == lineStart + 1);
                if (blank && !beforeRequestLine) {
                    return null;
                }
                if (!blank) {
                    beforeRequestLine = false;
                }
                lineStart = lineEnd + 1;
            }
            return null;
        }
    }

    /**
     * RFC 9112 section 6.3: a request with both Transfer-Encoding and Content-Length may be rejected, and the
     * connection must be closed after it; section 6.1: one whose final transfer coding is not chunked gets 400.
     */
    static String framingProblem(HttpRequest request) {
        HttpHeaders headers = request.headers();
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (codings.isEmpty()) {
            return null;
        }
        if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            return BOTH_LENGTHS;
        }
        // No other coding is understood here, so anything but one plain "chunked" is refused (RFC 9112 section 6.1).
        if (codings.size() != 1 || !"chunked".equalsIgnoreCase(codings.get(0).trim())) {
            return "Transfer-Encoding must be exactly 'chunked' (was '" + String.join(", ", codings)
                    + "'); no other transfer coding is accepted.";
        }
        return null;
    }

    private final class MethodAwareResponseEncoder extends HttpResponseEncoder {
        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse response) {
            HttpMethod method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(response);
        }
    }
}
