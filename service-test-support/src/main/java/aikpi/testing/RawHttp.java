package aikpi.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 spoken byte for byte over a plain socket, for the requests no HTTP client will send: the framing cases of
 * RFC 9112 that let a proxy and a service disagree on where a request ends.
 */
public final class RawHttp {

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");

    private RawHttp() {
    }

    /** A request as sent on the wire; {@code %s} in {@link #template} takes the Host header's value. */
    public record FramingCase(String name, String template) {
        public byte[] bytes(String host) {
            return String.format(template, host).getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What came back on the connection: every byte until the server closed it (or went quiet), and whether it closed. */
    public record Answer(String text, boolean closed) {
        public int status() {
            Matcher m = STATUS.matcher(text);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        /** The number of responses on the connection (a pipelined exchange answers each request). */
        public int responses() {
            return (int) Pattern.compile("(?m)^HTTP/1\\.[01] \\d{3}").matcher(text).results().count();
        }

        public String body() {
            int at = text.indexOf("\r\n\r\n");
            return at < 0 ? "" : text.substring(at + 4);
        }

        public String contentType() {
            Matcher m = Pattern.compile("(?im)^content-type:\\s*([^\\r\\n;]+)").matcher(text);
            return m.find() ? m.group(1).trim() : "";
        }
    }

    /** The POST bodies below are framed wrongly on purpose; each must be answered 400 and the connection closed. */
    public static List<FramingCase> malformedFraming(String path) {
        String post = "POST " + path + " HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n";
        String chunkedBody = "2\r\n{}\r\n0\r\n\r\n";
        return List.of(
                new FramingCase("Content-Length and Transfer-Encoding: chunked",
                        post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody),
                new FramingCase("Transfer-Encoding: chunked before Content-Length",
                        post + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + chunkedBody),
                new FramingCase("Content-Length and Transfer-Encoding: identity",
                        post + "Transfer-Encoding: identity\r\nContent-Length: 2\r\n\r\n{}"),
                new FramingCase("Transfer-Encoding: chunked, identity",
                        post + "Transfer-Encoding: chunked, identity\r\n\r\n" + chunkedBody),
                new FramingCase("Transfer-Encoding: identity, chunked",
                        post + "Transfer-Encoding: identity, chunked\r\n\r\n" + chunkedBody),
                new FramingCase("Transfer-Encoding: gzip, chunked",
                        post + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunkedBody),
                new FramingCase("Transfer-Encoding: chunked twice",
                        post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody),
                new FramingCase("Transfer-Encoding: xchunked",
                        post + "Transfer-Encoding: xchunked\r\n\r\n" + chunkedBody),
                new FramingCase("folded ' Transfer-Encoding: chunked' line",
                        post + " Transfer-Encoding: chunked\r\n\r\n" + chunkedBody),
                new FramingCase("folded tab line in a header",
                        post + "X-Trace: a\r\n\tb\r\nContent-Length: 2\r\n\r\n{}"),
                new FramingCase("folded Content-Length value",
                        post + "Content-Length:\r\n 2\r\n\r\n{}"),
                new FramingCase("whitespace before the first header",
                        "POST " + path + " HTTP/1.1\r\n Host: %s\r\nContent-Length: 2\r\n\r\n{}"));
    }

    /** A well-formed chunked request: it must still be read and answered, on a connection that stays open. */
    public static byte[] chunked(String method, String path, String host, String authorization, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Transfer-Encoding: chunked\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        chunk(out, body, 0, half);
        chunk(out, body, half, body.length);
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, byte[] body, int from, int to) {
        if (to == from) {
            return; // a zero-size chunk would end the body
        }
        out.writeBytes((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, from, to - from);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends the bytes and reads until the server closes the connection or, once it has answered, is quiet for
     * {@code quietMillis} (then the connection counts as open). The first answer may take up to 20 s.
     */
    public static Answer exchange(String host, int port, byte[] request, int quietMillis) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    received.write(buffer, 0, n);
                    socket.setSoTimeout(quietMillis);
                }
                return new Answer(received.toString(StandardCharsets.ISO_8859_1), true);
            } catch (SocketTimeoutException quiet) {
                return new Answer(received.toString(StandardCharsets.ISO_8859_1), false);
            } catch (IOException reset) {
                return new Answer(received.toString(StandardCharsets.ISO_8859_1), true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + host + ":" + port, e);
        }
    }
}
