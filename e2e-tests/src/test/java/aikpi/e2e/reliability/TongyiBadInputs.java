package aikpi.e2e.reliability;

import static aikpi.e2e.reliability.BadInputCorpus.Kind.BOOL;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.DATE;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.DECIMAL;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.ENUM;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.INSTANT;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.LONG;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.STRING;
import static aikpi.e2e.reliability.BadInputCorpus.JSON_TYPE;
import static aikpi.e2e.reliability.BadInputCorpus.LONG_ID;
import static aikpi.e2e.reliability.BadInputCorpus.NOT_SLUGS;
import static aikpi.e2e.reliability.BadInputCorpus.NOT_STORABLE;
import static aikpi.e2e.reliability.BadInputCorpus.NOT_UTF8;
import static aikpi.e2e.reliability.BadInputCorpus.OPTIONAL;
import static aikpi.e2e.reliability.BadInputCorpus.REQUIRED;
import static aikpi.e2e.reliability.BadInputCorpus.SCRIPT_JSON;
import static aikpi.e2e.reliability.BadInputCorpus.SQL;
import static aikpi.e2e.reliability.BadInputCorpus.SQL_JSON;
import static aikpi.e2e.reliability.BadInputCorpus.T;
import static aikpi.e2e.reliability.BadInputCorpus.TOO_LARGE;
import static aikpi.e2e.reliability.BadInputCorpus.bytes;
import static aikpi.e2e.reliability.BadInputCorpus.enc;
import static aikpi.e2e.reliability.BadInputCorpus.oversized;
import static aikpi.e2e.reliability.BadInputCorpus.obj;
import static aikpi.e2e.reliability.BadInputCorpus.str;
import static aikpi.e2e.reliability.BadInputCorpus.with;
import static aikpi.e2e.reliability.BadInputCorpus.withBytes;

import aikpi.testing.EndpointSecurity;
import aikpi.testing.Gzip;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The bad-input tables of tongyi-service's endpoints: one row a case (see {@link BadInputCorpus}). */
final class TongyiBadInputs {

    private TongyiBadInputs() {
    }

    /** GET /api/v1/completeness: a period that is malformed, unreal or not begun is a 400. */
    static void completeness(BadInputCorpus c) {
        BadInputCorpus.Table t = c.table("/api/v1/completeness", "GET", T)
                .request("no period", "/api/v1/completeness", null, 400);
        for (String period : java.util.List.of("", "2024-13", "2024-02-30", "2024-Q5", "FY2024-Q0", "2999-Q4",
                "-999999999-01-01", "2024-W01", SQL)) {
            t.request("period '" + period + "'", "/api/v1/completeness?period=" + enc(period), null, 400);
        }
    }

    /** POST /api/v1/usage/events. */
    static void usageEvents(BadInputCorpus c) {
        ObjectNode usage = obj("{\"eventId\":\"e\",\"customerId\":\"rb-cust\",\"modelId\":\"rb-model\","
                + "\"occurredAt\":\"2024-08-10T04:00:00Z\",\"inputTokens\":10,\"outputTokens\":5}");
        c.batch("/api/v1/usage/events", T, usage, "eventId", 10_000)
                .fields(REQUIRED, STRING, "eventId", "customerId", "modelId")
                .fields(REQUIRED, INSTANT, "occurredAt")
                .fields(REQUIRED, LONG, "inputTokens", "outputTokens")
                .item("eventId longer than 128",            "eventId",      LONG_ID)
                .item("customerId unknown",                 "customerId",   "\"rb-nobody\"")
                .item("customerId SQL fragment",            "customerId",   SQL_JSON)
                .item("customerId script",                  "customerId",   SCRIPT_JSON)
                .item("modelId unknown",                    "modelId",      "\"rb-no-model\"")
                .item("modelId SQL fragment",               "modelId",      SQL_JSON)
                .item("occurredAt an hour in the future",   "occurredAt",   str(c.inAnHour))
                .item("occurredAt in year +999999999",      "occurredAt",   "\"+999999999-12-31T23:59:59Z\"")
                .item("occurredAt before 2015",             "occurredAt",   "\"2014-12-31T23:59:59Z\"")
                .item("occurredAt in year -999999999",      "occurredAt",   "\"-999999999-01-01T00:00:00Z\"")
                .item("inputTokens above 100,000,000",      "inputTokens",  "100000001")
                .item("outputTokens Long.MAX",              "outputTokens", "9223372036854775807")
                .item("outputTokens Long.MIN",              "outputTokens", "-9223372036854775808")
                .bodyCases()
                .overLimit();
    }

    /** POST /api/v1/customers (a batch of customers). */
    static void customers(BadInputCorpus c) {
        ObjectNode customer = obj("{\"customerId\":\"c\",\"name\":\"N\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-07-01\"}");
        c.batch("/api/v1/customers", T, customer, "customerId", 10_000)
                .fields(REQUIRED, STRING, "customerId", "name")
                .fields(REQUIRED, ENUM, "kind")
                .fields(REQUIRED, DATE, "onboardedOn")
                .item("customerId SQL fragment",            "customerId",   SQL_JSON)
                .item("customerId upper case",              "customerId",   "\"RB-UPPER\"")
                .item("customerId 65 characters",           "customerId",   str("c".repeat(65)))
                .item("name 201 characters",                "name",         str("n".repeat(201)))
                .item("INTERNAL without businessUnit",      "kind",         "\"INTERNAL\"")
                .item("EXTERNAL with businessUnit",         "businessUnit", "\"taobao\"")
                .item("INTERNAL with businessUnit SQL",     with(customer, "kind", "\"INTERNAL\"", "businessUnit", SQL_JSON))
                .item("onboardedOn in year -999999999",     "onboardedOn",  "\"-999999999-01-01\"")
                .item("onboardedOn in year 0001",           "onboardedOn",  "\"0001-01-01\"")
                .request("customerId twice in the batch", "/api/v1/customers",
                        "[" + with(customer, "customerId", "\"rb-dup-c\"") + "," + with(customer, "customerId", "\"rb-dup-c\"") + "]")
                .bodyCases()
                .overLimit();
    }

    /** POST /api/v1/models/{id}/hub-stats: snapshots are unique per platform and date, so the valid one has its own date. */
    static void hubStats(BadInputCorpus c) {
        ObjectNode hub = obj("{\"date\":\"2024-08-20\",\"platform\":\"HUGGING_FACE\",\"downloads\":100,\"likes\":1,"
                + "\"derivatives\":{\"finetune\":1,\"quantized\":0,\"adapter\":0,\"merge\":0}}");
        String path = "/api/v1/models/rb-model/hub-stats";
        c.batch("/api/v1/models/{id}/hub-stats", T, with(hub, "date", "\"2024-08-15\""), null, 5_000).at(path).editing(hub)
                .fields(REQUIRED, DATE, "date")
                .fields(REQUIRED, ENUM, "platform")
                .fields(REQUIRED, LONG, "downloads", "likes")
                .fields(OPTIONAL, LONG, "derivatives.finetune")
                .item("derivatives as a number",            "derivatives",       "5")
                .item("date in 3 days",                     "date",              str(c.in3days))
                .item("date in year -999999999",            "date",              "\"-999999999-01-01\"")
                .item("date in year 0001",                  "date",              "\"0001-01-01\"")
                .item("downloads above 10^12",              "downloads",         "1000000000001")
                .item("derivatives.merge negative",         "derivatives.merge", "-5")
                .request("the same platform and date twice", path, "[" + hub + "," + hub + "]")
                .request("unknown model", "/api/v1/models/rb-no-model/hub-stats", "[" + hub + "]", 404)
                .request("model id SQL fragment (URL-encoded)", "/api/v1/models/" + enc(SQL) + "/hub-stats", "[" + hub + "]")
                .bodyCases()
                .overLimit();
    }

    /** POST /api/v1/benchmarks: results are unique per model, benchmark and date, so the valid one has its own date. */
    static void benchmarks(BadInputCorpus c) {
        ObjectNode bench = obj("{\"modelId\":\"rb-model\",\"benchmark\":\"rb-bench\",\"score\":81.25,\"evaluatedOn\":\"2024-08-20\"}");
        c.batch("/api/v1/benchmarks", T, with(bench, "evaluatedOn", "\"2024-08-15\""), null, 1_000).editing(bench)
                .fields(REQUIRED, STRING, "modelId", "benchmark")
                .fields(REQUIRED, DECIMAL, "score")
                .fields(REQUIRED, DATE, "evaluatedOn")
                .item("modelId unknown",                    "modelId",     "\"rb-no-model\"")
                .item("modelId SQL fragment",               "modelId",     SQL_JSON)
                .item("benchmark 101 characters",           "benchmark",   str("b".repeat(101)))
                .item("score 10^9",                         "score",       "1000000000")
                .item("score with 5 decimals",              "score",       "81.12345")
                .item("evaluatedOn in 3 days",              "evaluatedOn", str(c.in3days))
                .item("evaluatedOn in year -999999999",     "evaluatedOn", "\"-999999999-01-01\"")
                .item("evaluatedOn in year 0001",           "evaluatedOn", "\"0001-01-01\"")
                .request("the same model, benchmark and date twice", "/api/v1/benchmarks", "[" + bench + "," + bench + "]")
                .bodyCases()
                .overLimit();
    }

    /** POST /api/v1/resources/usage (GPU hours). */
    static void gpuUsage(BadInputCorpus c) {
        ObjectNode gpu = obj("{\"entryId\":\"g\",\"date\":\"2024-08-10\",\"purpose\":\"INFERENCE\",\"modelId\":\"rb-model\","
                + "\"gpuHours\":12.5,\"costCny\":100.00}");
        c.batch("/api/v1/resources/usage", T, gpu, "entryId", 5_000)
                .fields(REQUIRED, STRING, "entryId")
                .fields(REQUIRED, DATE, "date")
                .fields(REQUIRED, ENUM, "purpose")
                .fields(REQUIRED, DECIMAL, "gpuHours", "costCny")
                .item("entryId longer than 128",            "entryId",  LONG_ID)
                .item("modelId unknown",                    "modelId",  "\"rb-no-model\"")
                .item("modelId SQL fragment",               "modelId",  SQL_JSON)
                .item("date in 3 days",                     "date",     str(c.in3days))
                .item("date in year -999999999",            "date",     "\"-999999999-01-01\"")
                .item("date in year 0001",                  "date",     "\"0001-01-01\"")
                .item("gpuHours negative",                  "gpuHours", "-1")
                .item("gpuHours 10^12",                     "gpuHours", "1000000000000")
                .item("gpuHours with 4 decimals",           "gpuHours", "1.2345")
                .item("costCny negative",                   "costCny",  "-0.01")
                .item("costCny with 3 decimals",            "costCny",  "1.234")
                .item("costCny 10^18",                      "costCny",  "1000000000000000000")
                .bodyCases()
                .overLimit();
    }

    /** PUT /api/v1/models/{id}. */
    static void model(BadInputCorpus c) {
        ObjectNode model = obj("{\"family\":\"rb\",\"vendor\":\"Alibaba\",\"displayName\":\"M\",\"parametersBillions\":7,"
                + "\"openSource\":true,\"license\":\"MIT\",\"releaseDate\":\"2024-07-01\"}");
        c.put("/api/v1/models/{id}", T, model, k -> "/api/v1/models/rb-bad-" + k, true)
                .fields(REQUIRED, STRING, "family", "vendor", "displayName")
                .fields(OPTIONAL, DECIMAL, "parametersBillions")
                .fields(REQUIRED, BOOL, "openSource")
                .fields(OPTIONAL, DATE, "releaseDate")
                .item("family upper case",                  "family",             "\"QWEN\"")
                .item("family SQL fragment",                "family",             SQL_JSON)
                .item("vendor 65 characters",               "vendor",             str("v".repeat(65)))
                .item("displayName 201 characters",         "displayName",        str("d".repeat(201)))
                .item("license 101 characters",             "license",            str("l".repeat(101)))
                .item("parametersBillions negative",        "parametersBillions", "-7")
                .item("parametersBillions zero",            "parametersBillions", "0")
                .item("parametersBillions 10^8",            "parametersBillions", "100000000")
                .item("parametersBillions with 8 decimals", "parametersBillions", "1.23456789")
                .item("releaseDate in year -999999999",     "releaseDate",        "\"-999999999-01-01\"")
                .item("releaseDate in year +999999999",     "releaseDate",        "\"+999999999-12-31\"")
                .item("releaseDate in year 0001",           "releaseDate",        "\"0001-01-01\"")
                .pathIds(NOT_SLUGS, "/api/v1/models/")
                .bodyCases();
    }

    /** PUT /api/v1/customers/{id}. */
    static void customer(BadInputCorpus c) {
        ObjectNode cust = obj("{\"name\":\"N\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-07-01\"}");
        c.put("/api/v1/customers/{id}", T, cust, k -> "/api/v1/customers/rb-bad-" + k, true)
                .fields(REQUIRED, STRING, "name")
                .fields(REQUIRED, ENUM, "kind")
                .fields(REQUIRED, DATE, "onboardedOn")
                .item("name 201 characters",                "name",         str("n".repeat(201)))
                .item("INTERNAL without businessUnit",      "kind",         "\"INTERNAL\"")
                .item("EXTERNAL with businessUnit",         "businessUnit", "\"taobao\"")
                .item("INTERNAL with businessUnit SQL",     with(cust, "kind", "\"INTERNAL\"", "businessUnit", SQL_JSON))
                .item("onboardedOn in year -999999999",     "onboardedOn",  "\"-999999999-01-01\"")
                .item("onboardedOn in year 0001",           "onboardedOn",  "\"0001-01-01\"")
                .pathIds(NOT_SLUGS, "/api/v1/customers/")
                .bodyCases();
    }

    /** POST /api/v1/usage/cloudevents: each bad event sent in a batch after a valid event of the seeded quarter. */
    static void cloudEvents(BadInputCorpus c) {
        String path = "/api/v1/usage/cloudevents";
        String batchType = "application/cloudevents-batch+json";
        String ce = "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"//rb\",\"type\":\"tokens\","
                + "\"subject\":\"rb-cust\",\"time\":\"2024-08-10T04:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"model\":\"rb-model\",\"type\":\"input\",\"tokens\":10}}";
        CloudEvents t = new CloudEvents(c, c.table(path, "POST", T), ce)
                .event("specversion missing",            "\"specversion\":\"1.0\",", "")
                .event("specversion 0.3",                "\"1.0\"", "\"0.3\"")
                .event("id missing",                     "\"id\":\"x\",", "")
                .event("source missing",                 "\"source\":\"//rb\",", "")
                .event("an unknown type",                "\"type\":\"tokens\"", "\"type\":\"page.view\"")
                .event("an unknown customer",            "rb-cust", "rb-nobody")
                .event("an unknown model",               "rb-model", "rb-no-model")
                .event("negative tokens",                "\"tokens\":10", "\"tokens\":-10")
                .event("fractional tokens",              "\"tokens\":10", "\"tokens\":10.5")
                .event("tokens as non-numeric text",     "\"tokens\":10", "\"tokens\":\"ten\"")
                .event("tokens as fractional text",      "\"tokens\":10", "\"tokens\":\"10.5\"")
                .event("tokens as negative text",        "\"tokens\":10", "\"tokens\":\"-10\"")
                .event("tokens as text of a billion digits", "\"tokens\":10", "\"tokens\":\"1e999999999\"")
                .event("tokens as text with spaces",     "\"tokens\":10", "\"tokens\":\" 10\"")
                .event("data.type missing",              "\"type\":\"input\",", "")
                .event("OpenAI usage, total_tokens inconsistent", OPENMETER_DATA, OPENAI_DATA.replace("15}", "16}"))
                .event("OpenAI usage, total_tokens as text inconsistent", OPENMETER_DATA, OPENAI_DATA.replace("15}", "\"14\"}"))
                .event("OpenAI usage nested, total_tokens inconsistent", OPENMETER_DATA,
                        "{\"model\":\"rb-model\",\"usage\":" + OPENAI_DATA.replace("\"model\":\"rb-model\",", "").replace("15}", "1}") + "}")
                .event("OpenAI usage, prompt_tokens missing", OPENMETER_DATA, OPENAI_DATA.replace("\"prompt_tokens\":5,", ""))
                .event("OpenAI usage, completion_tokens as an object", OPENMETER_DATA, OPENAI_DATA.replace(":10,", ":{},"))
                .event("time not RFC 3339",              "2024-08-10T04:00:00Z", "10/08/2024")
                .event("time an hour ahead",             "2024-08-10T04:00:00Z", c.inAnHour)
                .event("data type neither input nor output", "\"type\":\"input\"", "\"type\":\"cached\"")
                .event("data of no known shape",         OPENMETER_DATA, "{\"n\":1}")
                .event("subject missing",                "\"subject\":\"rb-cust\",", "");
        for (Map.Entry<String, String> s : NOT_STORABLE.entrySet()) {
            t.event("id with " + s.getKey(), "\"id\":\"x\"", "\"id\":\"rb-ce" + s.getValue() + "\"")
                    .event("source with " + s.getKey(), "//rb", "//rb" + s.getValue())
                    .event("data.model with " + s.getKey(), "rb-model", "rb-model" + s.getValue());
        }
        for (String number : TOO_LARGE) {
            t.event("tokens " + number, "\"tokens\":10", "\"tokens\":" + number);
        }
        t.event("id named twice",                        "\"id\":\"x\"", "\"id\":\"x\",\"id\":\"rb-ce-other\"")
                .event("data.tokens named twice",        "\"tokens\":10", "\"tokens\":10,\"tokens\":10");
        t.table.request("broken JSON", path, bytes("[{\"specversion\":"), batchType);
        for (Map.Entry<String, byte[]> bad : NOT_UTF8.entrySet()) {
            t.table.request("not UTF-8: " + bad.getKey(), path, withBytes("[" + t.withId("rb-ce-utf8-" + c.next()) + "]",
                    bad.getValue()), batchType);
        }
        t.table.request("a batch as a single event", path, bytes("[" + t.withId("rb-ce-single") + "]"), "application/cloudevents+json")
                .request("an empty batch", path, bytes("[]"), batchType)
                .request("plain JSON", path, bytes(t.withId("rb-ce-json")), "application/json", 415);
        binaryMode(c, c.table(path + " (binary mode)", "POST", T), path);
    }

    /** The data of the valid event, OpenMeter's shape, and the same usage as OpenAI's usage object. */
    private static final String OPENMETER_DATA = "{\"model\":\"rb-model\",\"type\":\"input\",\"tokens\":10}";
    private static final String OPENAI_DATA = "{\"model\":\"rb-model\",\"prompt_tokens\":5,\"completion_tokens\":10,"
            + "\"total_tokens\":15}";

    /**
     * One event in the CloudEvents HTTP binding's binary mode (attributes in ce-* headers, the data as the body): each
     * row the valid event with one header changed or left out, or its data changed.
     */
    private static void binaryMode(BadInputCorpus c, BadInputCorpus.Table t, String path) {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("ce-specversion", "1.0");
        valid.put("ce-source", "//rb");
        valid.put("ce-type", "tokens");
        valid.put("ce-subject", "rb-cust");
        valid.put("ce-time", "2024-08-10T04:00:00Z");
        byte[] data = bytes(OPENMETER_DATA);
        BiFunction<String, String, Map<String, String>> changed = (header, value) -> {
            Map<String, String> h = new LinkedHashMap<>(valid);
            h.put("ce-id", "rb-ce-bin-" + c.next());
            if (value == null) {
                h.remove(header);
            } else {
                h.put(header, value);
            }
            return h;
        };
        t.request("ce-id missing", path, data, JSON_TYPE, changed.apply("ce-id", null), 400)
                .request("ce-source missing", path, data, JSON_TYPE, changed.apply("ce-source", null), 400)
                .request("ce-type missing", path, data, JSON_TYPE, changed.apply("ce-type", null), 400)
                .request("ce-subject missing", path, data, JSON_TYPE, changed.apply("ce-subject", null), 400)
                .request("ce-time missing", path, data, JSON_TYPE, changed.apply("ce-time", null), 400)
                .request("ce-specversion 0.3", path, data, JSON_TYPE, changed.apply("ce-specversion", "0.3"), 400)
                .request("ce-specversion 2.0", path, data, JSON_TYPE, changed.apply("ce-specversion", "2.0"), 400)
                .request("ce-type unknown", path, data, JSON_TYPE, changed.apply("ce-type", "page.view"), 400)
                .request("ce-subject an unknown customer", path, data, JSON_TYPE, changed.apply("ce-subject", "rb-nobody"), 400)
                .request("ce-time not RFC 3339", path, data, JSON_TYPE, changed.apply("ce-time", "10/08/2024"), 400)
                .request("ce-time an hour ahead", path, data, JSON_TYPE, changed.apply("ce-time", c.inAnHour), 400)
                .request("data tokens as non-numeric text", path, bytes(OPENMETER_DATA.replace("10", "\"ten\"")), JSON_TYPE,
                        changed.apply("ce-type", "tokens"), 400)
                .request("data broken JSON", path, bytes("{\"model\":"), JSON_TYPE, changed.apply("ce-type", "tokens"), 400)
                .request("data not UTF-8", path, withBytes(OPENMETER_DATA, NOT_UTF8.get("FF")), JSON_TYPE,
                        changed.apply("ce-type", "tokens"), 400)
                .request("no data", path, null, JSON_TYPE, changed.apply("ce-type", "tokens"), 400);
    }

    /** POST /api/v1/events (OpenMeter's events API): the same rules as /api/v1/usage/cloudevents, its media types too. */
    static void openMeterEvents(BadInputCorpus c) {
        String path = "/api/v1/events";
        String ce = "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"//rb\",\"type\":\"prompt\","
                + "\"subject\":\"rb-cust\",\"time\":\"2024-08-10T04:00:00Z\",\"data\":" + OPENMETER_DATA + "}";
        CloudEvents t = new CloudEvents(c, c.table(path, "POST", T), ce, path, JSON_TYPE)
                .event("tokens as non-numeric text",     "\"tokens\":10", "\"tokens\":\"ten\"")
                .event("tokens as fractional text",      "\"tokens\":10", "\"tokens\":\"10.5\"")
                .event("data.type missing",              "\"type\":\"input\",", "")
                .event("OpenAI usage, total_tokens inconsistent", OPENMETER_DATA, OPENAI_DATA.replace("15}", "16}"))
                .event("an unknown type",                "\"type\":\"prompt\"", "\"type\":\"request\"")
                .event("time missing",                   "\"time\":\"2024-08-10T04:00:00Z\",", "")
                .event("subject missing",                "\"subject\":\"rb-cust\",", "");
        t.table.request("one event sent as a batch", path, bytes(t.withId("rb-om-single")), "application/cloudevents-batch+json")
                .request("a batch sent as one event", path, bytes("[" + t.withId("rb-om-batch") + "]"), "application/cloudevents+json")
                .request("JSON as text/plain", path, bytes(t.withId("rb-om-text")), "text/plain", 415)
                .bodyCases(path, "[" + t.withId("rb-om-body") + "]", true);
        binaryMode(c, c.table(path + " (binary mode)", "POST", T), path);
    }

    /** OTLP/HTTP's media type for binary protobuf. */
    static final String PROTOBUF_TYPE = "application/x-protobuf";

    /**
     * POST /v1/traces (OTLP/HTTP): bodies that are no export request in either encoding, media types OTLP does not
     * have, gzip past the size limit, and keys that may not write, each with a valid GenAI usage span of the seeded
     * quarter in the request (beside the bad span, or the whole body when the key is the fault). Refusals here are
     * OTLP's {@code google.rpc.Status}, in the request's encoding, not problem+json ({@link BadInputHarness} judges
     * them so). Span-level faults (an unknown model, no customer) are OTLP partial successes, not refusals: not here.
     */
    static void otlpTraces(BadInputCorpus c, String revokedKey) {
        String path = "/v1/traces";
        BadInputCorpus.Table t = c.table(path, "POST", T);
        String json = otlpJson(otlpSpan(c.next(), "\"1723262400000000000\""));
        byte[] protobuf = otlpProtobuf(c.next(), SEEDED_END);
        t.request("garbage bytes as protobuf", path, bytes("not protobuf at all"), PROTOBUF_TYPE, 400)
                .request("a protobuf export cut off", path, Arrays.copyOf(protobuf, protobuf.length - 3), PROTOBUF_TYPE, 400)
                .request("OTLP/JSON sent as protobuf", path, bytes(json), PROTOBUF_TYPE, 400)
                .request("garbage as JSON", path, bytes("not json"), JSON_TYPE, 400)
                .request("OTLP/JSON cut off", path, bytes(json.substring(0, json.length() / 2)), JSON_TYPE, 400)
                .request("OTLP/JSON with trailing garbage", path, bytes(json + "}}"), JSON_TYPE, 400)
                .request("JSON null", path, bytes("null"), JSON_TYPE, 400)
                .request("the export inside an array", path, bytes("[" + json + "]"), JSON_TYPE, 400)
                .request("resourceSpans as an object", path, bytes("{\"resourceSpans\":{}}"), JSON_TYPE, 400)
                .request("deep nesting (100,000 levels)", path, bytes("{\"resourceSpans\":" + "[".repeat(100_000)
                        + "]".repeat(100_000) + "}"), JSON_TYPE, 400)
                .request("resourceSpans named twice", path, bytes(json.replace("{\"resourceSpans\":",
                        "{\"resourceSpans\":[],\"resourceSpans\":")), JSON_TYPE, 400)
                .request("not UTF-8 in a span name", path, withBytes(json.replace("\"name\":\"chat rb-model\"",
                        "\"name\":\"chat\""), NOT_UTF8.get("overlong C0 AF ('/')")), JSON_TYPE, 400);
        for (String[] bad : new String[][] {
                {"a trace id that is not hex", "\"traceId\":\"" + "zz".repeat(16) + "\""},
                {"an end time that is not a number", "\"endTimeUnixNano\":\"yesterday\""},
                {"an end time of 2,000 digits", "\"endTimeUnixNano\":\"" + "9".repeat(2000) + "\""},
                {"an end time past 64 bits", "\"endTimeUnixNano\":\"" + BigInteger.TWO.pow(64) + "\""},
                {"attributes as an object", "\"attributes\":{}"},
                {"a token count as an object", "\"attributes\":[{\"key\":\"gen_ai.usage.input_tokens\",\"value\":"
                        + "{\"intValue\":{}}}]"}}) {
            String good = otlpSpan(c.next(), "\"1723262400000000000\"");
            t.request("a good span beside one with " + bad[0], path, bytes(otlpJson(good + ",{" + bad[1] + "}")), JSON_TYPE, 400);
        }
        t.request("valid OTLP/JSON sent as text/plain", path, bytes(json), "text/plain", 415)
                .request("valid protobuf sent as application/octet-stream", path, protobuf, "application/octet-stream", 415)
                .request("valid OTLP/JSON sent without a content type", path, bytes(json), null)
                .request("Content-Encoding gzip that is not gzip", path, protobuf, PROTOBUF_TYPE,
                        Map.of("Content-Encoding", "gzip"), 400)
                .request("a truncated gzip stream", path, Arrays.copyOf(Gzip.compress(protobuf), 20), PROTOBUF_TYPE,
                        Map.of("Content-Encoding", "gzip"), 400)
                .request("a 2 MB gzip stream inflating to 2 GiB (protobuf)", path, Gzip.bomb("", 'c'), PROTOBUF_TYPE,
                        Map.of("Content-Encoding", "gzip"), 413)
                .request("a 2 MB gzip stream inflating to 2 GiB (JSON)", path, Gzip.bomb("{\"resourceSpans\":[", ' '), JSON_TYPE,
                        Map.of("Content-Encoding", "gzip"), 413)
                .request("body over the 16 MB limit", path, oversized(), JSON_TYPE, 413);
        String unknown = revokedKey.substring(0, revokedKey.lastIndexOf('_') + 1) + "A".repeat(43);
        t.request("a revoked key (protobuf)", path, otlpProtobuf(c.next(), SEEDED_END), PROTOBUF_TYPE,
                        Map.of("Authorization", "Bearer " + revokedKey), 401)
                .request("a revoked key (JSON)", path, bytes(otlpJson(otlpSpan(c.next(), "\"1723262400000000000\""))), JSON_TYPE,
                        Map.of("Authorization", "Bearer " + revokedKey), 401)
                .request("a revoked key as HTTP Basic", path, otlpProtobuf(c.next(), SEEDED_END), PROTOBUF_TYPE,
                        Map.of("Authorization", EndpointSecurity.basic(revokedKey)), 401)
                .request("an unknown key", path, otlpProtobuf(c.next(), SEEDED_END), PROTOBUF_TYPE,
                        Map.of("Authorization", "Bearer " + unknown), 401)
                .request("a malformed key", path, otlpProtobuf(c.next(), SEEDED_END), PROTOBUF_TYPE,
                        Map.of("Authorization", "Bearer aik_not-a-key"), 401)
                .request("another service's key", path, bytes(otlpJson(otlpSpan(c.next(), "\"1723262400000000000\""))),
                        JSON_TYPE, Map.of("Authorization", "Bearer aik_quark_" + "B".repeat(43)), 403);
    }

    /** An OTLP/JSON export request of these spans (OTLP/JSON writes the ids as hex). */
    static String otlpJson(String spans) {
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[]},\"scopeSpans\":[{\"scope\":{\"name\":\"rb\"},"
                + "\"spans\":[" + spans + "]}]}]}";
    }

    /** A GenAI usage span of rb-cust on rb-model ending at {@code end} (raw JSON), its ids made of {@code k}. */
    static String otlpSpan(int k, String end) {
        return "{\"traceId\":\"" + traceId(k) + "\",\"spanId\":\"" + spanId(k) + "\",\"name\":\"chat rb-model\",\"kind\":3,"
                + "\"startTimeUnixNano\":\"1723262399000000000\",\"endTimeUnixNano\":" + end + ",\"attributes\":["
                + "{\"key\":\"enduser.id\",\"value\":{\"stringValue\":\"rb-cust\"}},"
                + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"rb-model\"}},"
                + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"10\"}},"
                + "{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":\"5\"}}]}";
    }

    /** A span of the seeded quarter ends then (2024-08-10T04:00:00Z, as OTLP/JSON writes it below). */
    private static final Instant SEEDED_END = Instant.parse("2024-08-10T04:00:00Z");

    /** The same span as a binary protobuf export request, built with OTLP's own classes, ending at {@code at}. */
    static byte[] otlpProtobuf(int k, Instant at) {
        long end = at.getEpochSecond() * 1_000_000_000L;
        Span span = Span.newBuilder().setTraceId(ByteString.fromHex(traceId(k))).setSpanId(ByteString.fromHex(spanId(k)))
                .setName("chat rb-model").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(end - 1_000_000_000L).setEndTimeUnixNano(end)
                .addAttributes(attribute("enduser.id", AnyValue.newBuilder().setStringValue("rb-cust")))
                .addAttributes(attribute("gen_ai.request.model", AnyValue.newBuilder().setStringValue("rb-model")))
                .addAttributes(attribute("gen_ai.usage.input_tokens", AnyValue.newBuilder().setIntValue(10)))
                .addAttributes(attribute("gen_ai.usage.output_tokens", AnyValue.newBuilder().setIntValue(5)))
                .build();
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build().toByteArray();
    }

    private static KeyValue attribute(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static String traceId(int k) {
        return "0b1d" + HexFormat.of().toHexDigits((long) k) + "0".repeat(12);
    }

    private static String spanId(int k) {
        return HexFormat.of().toHexDigits((long) k);
    }

    /** The CloudEvents rows: the valid event with one text replaced, sent after a valid event; ids made fresh. */
    private record CloudEvents(BadInputCorpus c, BadInputCorpus.Table table, String valid, String path, String batchType) {
        CloudEvents(BadInputCorpus c, BadInputCorpus.Table table, String valid) {
            this(c, table, valid, "/api/v1/usage/cloudevents", "application/cloudevents-batch+json");
        }

        CloudEvents event(String name, String replaced, String by) {
            int k = c.next();
            String bad = valid.replace(replaced, by).replace("\"id\":\"x\"", "\"id\":\"rb-ce-bad-" + k + "\"");
            table.request(name, path, bytes("[" + withId("rb-ce-good-" + k) + "," + bad + "]"), batchType);
            return this;
        }

        String withId(String id) {
            return valid.replace("\"id\":\"x\"", "\"id\":\"" + id + "\"");
        }
    }
}
