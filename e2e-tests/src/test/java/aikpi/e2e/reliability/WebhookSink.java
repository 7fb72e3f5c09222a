package aikpi.e2e.reliability;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver as a subscriber runs one, outside the gateway's process: a real HTTP server on the loopback
 * address with one path per subscription, each verifying the Standard Webhooks signature with that subscription's
 * secret through the specification's own Java library (never the gateway's code) and refusing (401) what does not
 * verify. It records every verified request, duplicates included; a deduplicating receiver would act on the first of
 * each {@code webhook-id}. While {@link #hold()} is in force it takes each request (records it, as a receiver that has
 * acted on it) and keeps the answer back until {@link #release()}, so the sender can be killed with the request open.
 */
final class WebhookSink implements AutoCloseable {

    /** One verified request: the path it came to, its {@code webhook-id} and body. */
    record Delivery(String path, String id, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-sink");
        t.setDaemon(true);
        return t;
    });
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    /** Requests taken while holding, whose answer was kept back. */
    final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch hold;

    /** @param secrets the Standard Webhooks secret of each path */
    WebhookSink(Map<String, String> secrets) throws Exception {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        for (Map.Entry<String, String> e : secrets.entrySet()) {
            Webhook verifier = new Webhook(e.getValue());
            server.createContext(e.getKey(), exchange -> take(e.getKey(), verifier, exchange));
        }
        server.start();
    }

    private void take(String path, Webhook verifier, HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            try {
                verifier.verify(body, headers);
            } catch (WebhookVerificationException e) {
                refused.add(path + ": " + e.getMessage());
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            deliveries.add(new Delivery(path, headers.get("webhook-id").get(0), body));
            CountDownLatch h = hold;
            if (h != null) {
                held.incrementAndGet();
                try {
                    h.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException senderGone) {
                // a held request whose sender was killed: the answer has nowhere to go
            }
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on each request is taken and its answer kept back until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    /** The held requests are answered (204) and later ones at once. */
    void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
