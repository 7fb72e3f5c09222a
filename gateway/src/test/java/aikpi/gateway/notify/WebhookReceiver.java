package aikpi.gateway.notify;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver as a subscriber would run one: a real HTTP server on the loopback address that verifies each
 * request's Standard Webhooks signature with the specification's own Java library (not the gateway's code), refuses
 * (401) what does not verify, and dedups on {@code webhook-id}. It can be told to fail its next requests with 500.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Webhook verifier;
    /** Every verified request, duplicates included: the id of each. */
    final List<String> deliveries = new CopyOnWriteArrayList<>();
    /** The ids taken, each once (what a deduplicating receiver acts on), with their bodies. */
    final Map<String, String> received = new ConcurrentHashMap<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();
    final Set<String> contentTypes = ConcurrentHashMap.newKeySet();

    WebhookReceiver(String secret) throws Exception {
        this.verifier = new Webhook(secret);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            int status;
            try {
                verifier.verify(body, headers);
                String id = headers.get("webhook-id").get(0);
                contentTypes.add(headers.get("content-type").get(0));
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    status = 500;
                } else {
                    deliveries.add(id);
                    received.putIfAbsent(id, body);
                    status = 204;
                }
            } catch (WebhookVerificationException e) {
                refused.add(e.getMessage());
                status = 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
