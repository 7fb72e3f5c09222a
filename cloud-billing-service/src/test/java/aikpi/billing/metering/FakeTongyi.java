package aikpi.billing.metering;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for tongyi-service's usage summary on a loopback port, for tests that need tongyi to answer in a
 * particular way (tokens, an error, slowness). The answer's shape is the one the pact pins.
 */
public final class FakeTongyi implements AutoCloseable {

    private final HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile long totalTokens;
    private volatile int status = 200;
    private volatile long delayMillis;
    private volatile boolean garbled;

    public FakeTongyi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/usage/summary", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeTongyi metering(long tokens) {
        this.totalTokens = tokens;
        this.status = 200;
        this.delayMillis = 0;
        this.garbled = false;
        return this;
    }

    public FakeTongyi failing(int status) {
        this.status = status;
        return this;
    }

    /** Answers 200 with a body that is not the usage summary's JSON. */
    public FakeTongyi garbled() {
        this.garbled = true;
        return this;
    }

    public FakeTongyi slow(long delayMillis) {
        this.delayMillis = delayMillis;
        return this;
    }

    /** The query strings tongyi was asked with, oldest first. */
    public List<String> queries() {
        return queries;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        queries.add(query);
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String period = query == null ? "" : query.replaceFirst("^.*period=([^&]*).*$", "$1");
        String body;
        String type;
        if (garbled) {
            type = "application/json";
            body = "{\"period\":\"" + period + "\",\"rows\":[{\"key\":\"total\",\"totalTokens\":\"many\"}]}";
        } else if (status == 200) {
            type = "application/json";
            body = "{\"period\":\"" + period + "\",\"from\":\"2024-10-01\",\"to\":\"2024-12-31\",\"zone\":\"Asia/Shanghai\","
                    + "\"groupBy\":\"total\",\"rows\":[{\"key\":\"total\",\"events\":12,\"inputTokens\":" + (totalTokens - totalTokens / 3)
                    + ",\"outputTokens\":" + (totalTokens / 3) + ",\"totalTokens\":" + totalTokens + "}]}";
        } else {
            type = "application/problem+json";
            body = "{\"type\":\"about:blank\",\"title\":\"Invalid period\",\"status\":" + status
                    + ",\"detail\":\"'" + period + "' is not a period.\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
