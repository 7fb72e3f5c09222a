package aikpi.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads the demo data set through the services' own public APIs. Idempotent: every record has a fixed id, so a
 * second run is answered with duplicates (or the same upserts) and changes nothing. Prints its progress.
 *
 * <p>Service URLs come from {@code TONGYI_URL}, {@code QUARK_URL}, {@code BILLING_URL} and {@code GATEWAY_URL}
 * (default the local ports; the gateway takes the executives' targets); {@code --seed N} changes the synthetic data set; {@code --dry-run} only counts what would be sent.
 *
 * <p>Tokens: against services that take the group's identity provider's tokens, the loader signs in as its own client
 * there ({@code KPI_OIDC_ISSUER}, {@code KPI_OIDC_CLIENT_ID} and {@code _SECRET}, optionally {@code KPI_OIDC_SCOPE}:
 * client-credentials grant), whose account must hold the three writer roles and {@code EXECUTIVE} (for the targets);
 * in a development run it signs in as each team's writer ({@code POST /login}). A token given for a service
 * ({@code TONGYI_TOKEN}...) is used as it is.
 */
public final class DemoDataLoader {

    /** The counts the services' batch answers carry. */
    private static final List<String> COUNTS = List.of("accepted", "duplicates", "ignored", "created", "updated", "replaced",
            "rows", "lines");

    /** Each service's numbers are written by its own team's writer; the targets by an executive. */
    private static final Map<String, String> WRITERS = Map.of(
            "tongyi-service", "tongyi-writer", "quark-service", "quark-writer", "cloud-billing-service", "billing-writer",
            "gateway", "executive");

    /** Attempts of a request answered 5xx: 1, 2, 4, 8 s apart, then every 15 s. */
    private static final int MAX_ATTEMPTS = 12;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> baseUrls;
    private final Map<String, String> tokens = new java.util.HashMap<>();
    private final ClientCredentials account;

    DemoDataLoader(Map<String, String> baseUrls) {
        this(baseUrls, ClientCredentials.fromEnvironment(System.getenv()));
    }

    DemoDataLoader(Map<String, String> baseUrls, ClientCredentials account) {
        this.baseUrls = baseUrls;
        this.account = account;
    }

    public static void main(String[] args) throws Exception {
        long seed = DemoDataSet.DEFAULT_SEED;
        boolean dryRun = false;
        boolean notifyOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dry-run" -> dryRun = true;
                case "--notify-only" -> notifyOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --seed N, --dry-run, --notify-only)");
            }
        }
        boolean notify = DemoNotifications.enabled(System.getenv()) && !dryRun;
        DemoNotifications.Settings notifying = notify ? DemoNotifications.Settings.fromEnvironment(System.getenv()) : null;
        Map<String, String> urls = Map.of(
                "tongyi-service", env("TONGYI_URL", "http://localhost:8081"),
                "quark-service", env("QUARK_URL", "http://localhost:8082"),
                "cloud-billing-service", env("BILLING_URL", "http://localhost:8083"),
                "gateway", env("GATEWAY_URL", "http://localhost:8080"));
        long start = System.nanoTime();
        System.out.printf("Generating the demo data set (seed %d; all but the reported facts is synthetic) ...%n",
                seed);
        DemoDataLoader loader = new DemoDataLoader(urls);
        if (notifyOnly) {
            if (!notify) {
                throw new IllegalArgumentException("--notify-only needs DEMO_NOTIFY=1");
            }
            loader.load(List.of(DemoNotifications.subscriptions(notifying)));
            return;
        }
        // The floor break is told only on the load that first sets the Tongyi app's FY2026 target (DemoNotifications).
        boolean floorRaisedLater = notify && !loader.exists("gateway", DemoTargets.TONGYI_SESSIONS_FY2026);
        List<DemoDataSet.Step> steps = new DemoDataSet(seed).steps(!dryRun && loader.sealedAlready(), floorRaisedLater);
        int total = steps.stream().mapToInt(DemoDataSet.Step::items).sum();
        System.out.printf("%,d records in %d steps.%n", total, steps.size());
        if (dryRun) {
            steps.forEach(s -> System.out.printf("  %-22s %-75s %,9d%n", s.service(), s.label(), s.items()));
            return;
        }
        loader.load(steps);
        if (notify) {
            loader.notifications(notifying, floorRaisedLater);
        }
        System.out.printf("Demo data loaded in %.1f s. Running the loader again changes nothing.%n",
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The subscriptions, then (when the floor was set low on this load) the floor raised once the rules have had time
     * to see it, and the notifications it makes followed until they are delivered.
     */
    void notifications(DemoNotifications.Settings settings, boolean floorRaisedLater) throws Exception {
        load(List.of(DemoNotifications.subscriptions(settings)));
        if (!floorRaisedLater) {
            System.out.println("Notifications: the Tongyi app's FY2026 floor was set by an earlier load; its break is told "
                    + "only on the first load into a fresh DATA_DIR.");
            return;
        }
        System.out.printf("Notifications: giving the gateway's rules %d s to see FY2026-Q2 with the floor as first set ...%n",
                settings.settle().toSeconds());
        Thread.sleep(settings.settle().toMillis());
        load(List.of(DemoNotifications.raiseFloor()));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            List<JsonNode> rows = new ArrayList<>();
            for (JsonNode row : get("gateway", "/api/v1/notifications?limit=1000")) {
                if (row.path("type").asText().equals("aikpi.review.floor-broken")
                        && row.path("scope").asText().equals("tongyi-app")) {
                    rows.add(row);
                }
            }
            boolean settled = rows.size() >= settings.subscriptions() && rows.stream().noneMatch(r -> r.path("status").asText().equals("PENDING"));
            if (settled || System.nanoTime() > deadline) {
                for (JsonNode r : rows) {
                    System.out.printf("Notification %s (%s, subscription %s): %s%s%n", r.path("id").asText(),
                            r.path("type").asText(), r.path("subscriptionId").asText(), r.path("status").asText(),
                            r.path("lastError").isTextual() ? " — " + r.path("lastError").asText() : "");
                }
                if (!settled) {
                    System.out.println("Notifications: the floor break was not delivered to every subscription within "
                            + "2 minutes (GET /api/v1/notifications shows where it is).");
                }
                return;
            }
            Thread.sleep(1_000);
        }
    }

    /** Whether a GET of the path answers 200 (404: absent). */
    boolean exists(String service, String path) throws Exception {
        URI uri = URI.create(baseUrls.get(service) + path);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(service)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 && answer.statusCode() != 404) {
            throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.statusCode() == 200;
    }

    private JsonNode get(String service, String path) throws Exception {
        URI uri = URI.create(baseUrls.get(service) + path);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(service)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return json.readTree(answer.body());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Whether an earlier run sealed the quarter the demo closes (then its after-the-close data is stored too). */
    boolean sealedAlready() throws Exception {
        URI uri = URI.create(baseUrls.get("gateway") + "/api/v1/executive/reviews/" + AfterTheClose.QUARTER + "/seals");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token("gateway")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return !json.readTree(answer.body()).isEmpty();
    }

    void load(List<DemoDataSet.Step> steps) throws Exception {
        Map<String, Integer> requests = new TreeMap<>();
        int n = 0;
        for (DemoDataSet.Step step : steps) {
            n++;
            long t0 = System.nanoTime();
            Map<String, Long> answers = new TreeMap<>();
            int sent = 0;
            String prefix = String.format("[%2d/%d] %-22s %s", n, steps.size(), step.service(), step.label());
            for (DemoDataSet.Request r : step.requests()) {
                JsonNode answer = send(step.service(), r);
                requests.merge(step.service(), 1, Integer::sum);
                sent += r.items();
                // Batch answers count what was new and what had been seen: accepted, duplicates, created, replaced...
                for (String count : COUNTS) {
                    if (answer.path(count).isIntegralNumber()) {
                        answers.merge(count, answer.path(count).asLong(), Long::sum);
                    }
                }
                if (System.console() != null) {
                    System.out.printf("\r%s: %,d/%,d", prefix, sent, step.items());
                }
            }
            String counts = answers.isEmpty() ? "stored" : answers.toString().replaceAll("[{}]", "");
            System.out.printf("\r%s: %,d records (%s) in %.1f s%n", prefix, step.items(), counts,
                    (System.nanoTime() - t0) / 1e9);
        }
        // Each accepted write is one row of its service's audit trail (GET /api/v1/audit).
        System.out.println("Writes accepted, by service: " + requests);
    }

    /**
     * The writer's token for a service: {@code TONGYI_TOKEN}, {@code QUARK_TOKEN}, {@code BILLING_TOKEN} or (an
     * executive's, for the targets) {@code GATEWAY_TOKEN} when given, else the loader's own account's at the identity
     * provider when one is configured, else a development login as the team's writer ({@code KPI_DEV_PASSWORD},
     * default kpi-dev).
     */
    private String token(String service) throws Exception {
        String given = System.getenv(service.replace("cloud-billing", "billing").replace("-service", "").toUpperCase() + "_TOKEN");
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (account != null) {
            return account.accessToken();
        }
        String cached = tokens.get(service);
        if (cached != null) {
            return cached;
        }
        URI uri = URI.create(baseUrls.get(service) + "/login");
        byte[] login = json.writeValueAsBytes(Map.of("username", WRITERS.get(service),
                "password", env("KPI_DEV_PASSWORD", "kpi-dev")));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(login)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("signing in to " + service + " as " + WRITERS.get(service) + " answered "
                    + answer.statusCode() + "; outside development set KPI_OIDC_ISSUER, KPI_OIDC_CLIENT_ID and"
                    + " KPI_OIDC_CLIENT_SECRET (the loader's account at the identity provider), or give a writer's token in "
                    + service.replace("cloud-billing", "billing").replace("-service", "").toUpperCase() + "_TOKEN");
        }
        String token = json.readTree(answer.body()).path("access_token").asText();
        tokens.put(service, token);
        return token;
    }

    private JsonNode send(String service, DemoDataSet.Request r) throws Exception {
        URI uri = URI.create(baseUrls.get(service) + r.path());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", r.contentType())
                .header("Authorization", "Bearer " + token(service))
                .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(
                        r.body() instanceof String text && !r.contentType().equals("application/json")
                                ? text.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(r.body())))
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                // A retried batch is safe: every record has a fixed id and is counted once.
                if (attempt < 5) {
                    Thread.sleep(1_000L * attempt);
                    continue;
                }
                throw new IllegalStateException(service + " is unreachable at " + uri, e);
            }
            // A 5xx says try again: a service still starting, or (a seal) a source that did not answer in time
            // while it works out a quarter it has just been sent. Up to about two minutes in all.
            if (response.statusCode() >= 500 && attempt < MAX_ATTEMPTS) {
                Thread.sleep(Math.min(15_000L, 1_000L << Math.min(attempt - 1, 4)));
                continue;
            }
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(r.method() + " " + uri + " answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(2_000, response.body().length())));
            }
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        }
    }
}
