package aikpi.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The demo's own notification receivers, for {@code DEMO_NOTIFY=1 ./run-suite.sh}: a webhook receiver and an SMTP
 * server on the loopback address, standing in for a subscriber's endpoint and mail server. The webhook receiver
 * verifies each request's Standard Webhooks signature with the subscription's secret (Standard Webhooks' own Java
 * library, not the gateway's code), answers 401 to one that does not verify, dedups on {@code webhook-id} and prints
 * each event; the SMTP server (GreenMail) takes every message and prints it. Both save what they got under the
 * directory given, {@code webhook-<id>.json} and {@code mail-<n>.eml}.
 *
 * <p>Environment: {@code DEMO_WEBHOOK_PORT} (8090), {@code DEMO_SMTP_PORT} (2525), {@code DEMO_WEBHOOK_SECRET} (the
 * webhook subscription's secret, {@code whsec_…}, required), {@code DEMO_NOTIFY_DIR} (default {@code ./notify}).
 */
public final class DemoReceivers {

    /** The path the webhook subscription targets. */
    static final String WEBHOOK_PATH = "/webhook";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Webhook verifier;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    DemoReceivers(Path dir, String secret) throws Exception {
        this.dir = dir;
        this.verifier = new Webhook(secret);
    }

    public static void main(String[] args) throws Exception {
        int webhookPort = Integer.parseInt(env("DEMO_WEBHOOK_PORT", "8090"));
        int smtpPort = Integer.parseInt(env("DEMO_SMTP_PORT", "2525"));
        String secret = env("DEMO_WEBHOOK_SECRET", "");
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("DEMO_WEBHOOK_SECRET must be the webhook subscription's secret (whsec_…)");
        }
        Path dir = Path.of(env("DEMO_NOTIFY_DIR", "notify")).toAbsolutePath();
        Files.createDirectories(dir);
        DemoReceivers receivers = new DemoReceivers(dir, secret);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(WEBHOOK_PATH, receivers::webhook);
        server.start();

        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            smtp.stop();
        }));
        System.out.printf("Demo receivers: webhooks at http://127.0.0.1:%d%s (Standard Webhooks signatures checked), "
                + "SMTP at 127.0.0.1:%d; what arrives is printed here and saved in %s%n", webhookPort, WEBHOOK_PATH,
                smtpPort, dir);
        int printed = 0;
        while (true) {
            MimeMessage[] mails = smtp.getReceivedMessages();
            for (; printed < mails.length; printed++) {
                receivers.mail(printed + 1, mails[printed]);
            }
            Thread.sleep(500);
        }
    }

    private void webhook(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            try {
                verifier.verify(body, headers);
            } catch (WebhookVerificationException e) {
                System.out.printf("%s webhook REFUSED (401): %s%n", Instant.now(), e.getMessage());
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String id = headers.get("webhook-id").get(0);
            if (seen.add(id)) {
                JsonNode event = JSON.readTree(body);
                JsonNode data = event.path("data");
                System.out.printf("%s webhook %s (signature verified): %s %s %s %s%n    %s%n    before %s, after %s%n",
                        Instant.now(), id, event.path("type").asText(), event.path("subject").asText(),
                        event.path("period").asText(""), event.path("kpiid").asText(""), data.path("reason").asText(""),
                        data.path("before"), data.path("after"));
                Files.write(dir.resolve("webhook-" + id + ".json"), bytes);
            } else {
                System.out.printf("%s webhook %s again (a redelivery; already taken, not acted on twice)%n",
                        Instant.now(), id);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private void mail(int n, MimeMessage message) {
        try {
            String to = message.getAllRecipients() == null ? "" : Arrays.stream(message.getAllRecipients())
                    .map(Address::toString).collect(Collectors.joining(", "));
            String[] notice = message.getHeader("X-Notice-Id");
            System.out.printf("%s mail %d to %s: %s (X-Notice-Id %s)%n", Instant.now(), n, to, message.getSubject(),
                    notice == null ? "-" : notice[0]);
            try (OutputStream out = Files.newOutputStream(dir.resolve("mail-" + n + ".eml"))) {
                message.writeTo(out);
            }
            System.out.println("    saved as mail-" + n + ".eml (" + GreenMailUtil.getBody(message).length()
                    + " characters of body)");
        } catch (Exception e) {
            System.out.println("mail " + n + " could not be read: " + e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
