package aikpi.e2e.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The bad-input corpus of {@link BadInputHarness} as a data table: one row a case, grouped by endpoint, in the order
 * they are sent. The tables are by service ({@link TongyiBadInputs}, {@link QuarkBadInputs}, {@link BillingBadInputs});
 * this class holds the row ({@link Case}), the builder of an endpoint's table ({@link Table}) and the generated
 * families that stand for many rows each: a field's missing and wrongly typed values, the body-level cases, a batch
 * one item over its limit.
 *
 * <p>On a batch endpoint each bad item is sent with a valid item of a fresh id beside it, so that a batch that is not
 * atomic shows; on a PUT endpoint each row writes a fresh id, read back afterwards (it must still answer 404).
 */
final class BadInputCorpus {

    static final String T = Services.TONGYI;
    static final String Q = Services.QUARK;
    static final String B = Services.BILLING;
    static final String SQL = "x'); DROP TABLE usage_event; --";
    static final String SCRIPT = "<script>alert('kpi')</script>";
    /** The same as JSON strings, and an id of 129 characters (ids take at most 128). */
    static final String SQL_JSON = str(SQL);
    static final String SCRIPT_JSON = str(SCRIPT);
    static final String LONG_ID = str("i".repeat(129));
    static final String JSON_TYPE = "application/json";
    static final boolean REQUIRED = true;
    static final boolean OPTIONAL = false;

    /**
     * One row: a request and the statuses it may be answered with (empty: any 4xx); {@code readBack}, the path that
     * must still answer 404 after the refusal; {@code expectContinue}, sent with {@code Expect: 100-continue}.
     */
    record Case(String endpoint, String name, String method, String module, String path, byte[] body,
                String contentType, boolean expectContinue, Set<Integer> allowed, String readBack,
                Map<String, String> headers) {
    }

    /** The JSON kinds a field's generated rows are made for. */
    enum Kind { STRING, LONG, DECIMAL, INSTANT, DATE, BOOL, ENUM }

    /** Bytes that are not UTF-8 which Jackson's own decoder read as text (C0 AF as '/', CESU-8 as surrogates). */
    static final Map<String, byte[]> NOT_UTF8 = ordered(
            "overlong C0 AF ('/')", new byte[] {(byte) 0xC0, (byte) 0xAF},
            "overlong E0 80 AF", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            "CESU-8 lone surrogate ED A0 80", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            "CESU-8 surrogate pair", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80},
            "a stray continuation byte 80", new byte[] {(byte) 0x80},
            "a cut-off sequence E6 B1", new byte[] {(byte) 0xE6, (byte) 0xB1},
            "beyond U+10FFFF (F5 80 80 80)", new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            "FF", new byte[] {(byte) 0xFF});

    /** Text PostgreSQL does not store as sent (U+0000, unpaired surrogates) and the other control characters. */
    static final Map<String, String> NOT_STORABLE = ordered(
            "U+0000", "\\u0000", "a lone high surrogate", "\\ud800", "a lone low surrogate", "\\udc00",
            "surrogates reversed", "\\udc00\\ud800", "ESC (an ANSI colour)", "\\u001b[31m", "BEL", "\\u0007",
            "DEL", "\\u007f", "C1 NEL", "\\u0085", "C1 CSI", "\\u009b");

    /** Numbers whose text is short but whose value has a billion digits (BigDecimal.toPlainString answered 500). */
    static final List<String> TOO_LARGE = List.of("1e999999999", "1E-999999999", "-1e999999999",
            "1e101", "12345678901234567890123456789012345678901", "0.5E+0000000000000000000000000101");

    /** Path ids that are not slugs: refused on every PUT whose id is a slug. */
    static final List<String> NOT_SLUGS = List.of(SQL, SCRIPT, "UPPER-CASE", "x".repeat(65), " ", "a b");

    final String today = LocalDate.now(ZoneOffset.UTC).toString();
    final String in2days = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
    final String in3days = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
    final String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    private final List<Case> cases = new ArrayList<>();
    /** Numbers the fresh ids of the rows: nothing of one case can collide with another. */
    private int n;

    private BadInputCorpus() {
    }

    /**
     * Every table, by service, in the order the harness sends them.
     *
     * @param revokedTongyiKey an ingest key of tongyi's usage stream, revoked before the corpus is sent
     */
    static List<Case> all(String revokedTongyiKey) {
        BadInputCorpus c = new BadInputCorpus();
        c.pagedLists(T, "/api/v1/customers", "/api/v1/customers?kind=EXTERNAL", "/api/v1/models");
        c.tables(TongyiBadInputs::usageEvents, TongyiBadInputs::customers, TongyiBadInputs::hubStats, TongyiBadInputs::benchmarks,
                TongyiBadInputs::gpuUsage, TongyiBadInputs::model, TongyiBadInputs::customer, TongyiBadInputs::cloudEvents,
                TongyiBadInputs::openMeterEvents, t -> TongyiBadInputs.otlpTraces(t, revokedTongyiKey),
                TongyiBadInputs::completeness);
        c.pagedLists(Q, "/api/v1/apps", "/api/v1/apps/rb-app/features");
        c.tables(t -> QuarkBadInputs.events(t, "/api/v1/installs"), t -> QuarkBadInputs.events(t, "/api/v1/activity/events"),
                QuarkBadInputs::aiSessions, QuarkBadInputs::app, QuarkBadInputs::feature, QuarkBadInputs::segmentBatch,
                QuarkBadInputs::segmentTrack, QuarkBadInputs::day);
        c.pagedLists(B, "/api/v1/vouchers", "/api/v1/ledger/imports");
        c.tables(BillingBadInputs::groupRevenue, BillingBadInputs::voucher, BillingBadInputs::ledgerLines,
                BillingBadInputs::focusImport);
        for (String module : List.of(T, Q, B)) {
            c.signInAndAudit(module);
        }
        return List.copyOf(c.cases);
    }

    int next() {
        return ++n;
    }

    @SafeVarargs
    private void tables(Consumer<BadInputCorpus>... tables) {
        for (Consumer<BadInputCorpus> table : tables) {
            table.accept(this);
        }
    }

    /** The log-in and the audit query of a service. */
    private void signInAndAudit(String module) {
        table("/login", "POST", module)
                .request("broken JSON", "/login", "{\"username\":")
                .request("wrong password", "/login", "{\"username\":\"tongyi-writer\",\"password\":\"nope\"}", 401)
                .request("SQL in the user name", "/login", "{\"username\":" + SQL_JSON + ",\"password\":\"kpi-dev\"}", 401)
                .request("missing password", "/login", "{\"username\":\"tongyi-writer\"}")
                // a body naming two usernames signed in as the first
                .request("username named twice", "/login",
                        "{\"username\":\"tongyi-writer\",\"username\":\"nobody\",\"password\":\"kpi-dev\"}", 400)
                .request("username with U+0000", "/login", "{\"username\":\"tongyi-writer\\u0000\",\"password\":\"kpi-dev\"}", 400);
        Table audit = table("/api/v1/audit", "GET", module);
        for (String query : List.of("from=-999999999-01-01", "to=%2B999999999-12-31", "from=-999999999-01-01T00:00:00Z",
                "to=%2B1000000000-12-31T23:59:59Z", "from=0001-01-01")) {
            audit.request("GET ?" + query, "/api/v1/audit?" + query, null, 400);
        }
    }

    /** Paged lists: a limit outside 1..1,000 and a cursor the list did not give are 400. */
    private void pagedLists(String module, String... lists) {
        for (String list : lists) {
            pagedList(module, list);
        }
    }

    private void pagedList(String module, String list) {
        String appsCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("apps".getBytes(StandardCharsets.UTF_8));
        String sep = list.contains("?") ? "&" : "?";
        Table t = table(list.replace("rb-app", "{appId}").replaceAll("\\?.*", ""), "GET", module)
                .request("limit over 1,000", list + sep + "limit=1001", null, 400)
                .request("limit 0", list + sep + "limit=0", null, 400)
                .request("negative limit", list + sep + "limit=-5", null, 400)
                .request("limit not a number", list + sep + "limit=1e3", null, 400)
                .request("limit beyond int", list + sep + "limit=99999999999999999999", null, 400)
                .request("cursor not base64", list + sep + "cursor=%21%21", null, 400)
                .request("cursor of no list", list + sep + "cursor=garbage", null, 400);
        if (!list.equals("/api/v1/apps")) { // the apps cursor is the apps list's own
            t.request("cursor of another list", list + sep + "cursor=1." + appsCursor + ".eA", null, 400);
        }
        t.request("cursor with invalid UTF-8", list + sep + "cursor=1.Y3VzdG9tZXJz.wK8", null, 400)
                .request("cursor with a NUL key", list + sep + "cursor=1.bW9kZWxz.AA", null, 400);
    }

    /** An endpoint's table of explicit requests. */
    Table table(String endpoint, String method, String module) {
        return new Table(endpoint, method, module);
    }

    /**
     * A batch endpoint: each item row is sent as {@code [a valid item of a fresh id, the bad item]}; {@code idField}
     * (when the items have one) is made fresh in both.
     */
    Table batch(String endpoint, String module, ObjectNode valid, String idField, int limit) {
        Table t = new Table(endpoint, "POST", module);
        t.path = endpoint;
        t.valid = valid;
        t.edited = valid;
        t.idField = idField;
        t.limit = limit;
        return t;
    }

    /** A PUT endpoint: each item row is written to {@code freshPath} of a fresh number, then read back when asked. */
    Table put(String endpoint, String module, ObjectNode valid, IntFunction<String> freshPath, boolean readBack) {
        Table t = new Table(endpoint, "PUT", module);
        t.valid = valid;
        t.edited = valid;
        t.freshPath = freshPath;
        t.readBack = readBack;
        return t;
    }

    /** The rows of one endpoint, added to the corpus in the order they are written. */
    final class Table {
        private final String endpoint;
        private final String method;
        private final String module;
        private String path;
        private ObjectNode valid;
        /** The item that {@link #item(String, String, String)} edits (the valid item unless set). */
        private ObjectNode edited;
        private String idField;
        private int limit;
        private String envelope = "[%s]";
        private IntFunction<String> freshPath;
        private boolean readBack;
        private boolean expectContinue = true;

        private Table(String endpoint, String method, String module) {
            this.endpoint = endpoint;
            this.method = method;
            this.module = module;
        }

        /** The path the rows are sent to, when the endpoint's has a parameter. */
        Table at(String path) {
            this.path = path;
            return this;
        }

        /** Batches wrapped in an object, such as {@code {"batch":[%s]}}. */
        Table envelope(String format) {
            this.envelope = format;
            return this;
        }

        /** The item the shorthand rows edit, when it is not the valid item sent beside them. */
        Table editing(ObjectNode item) {
            this.edited = item;
            return this;
        }

        /** Large bodies go without {@code Expect: 100-continue} (the default sends those over 1 MB with it). */
        Table withoutExpectContinue() {
            this.expectContinue = false;
            return this;
        }

        /** A row: the edited item with {@code field} set to a raw JSON value, or removed when {@code raw} is null. */
        Table item(String name, String field, String raw) {
            return item(name, with(edited, field, raw));
        }

        Table item(String name, ObjectNode base, String field, String raw) {
            return item(name, with(base, field, raw));
        }

        /** A row: this bad item, sent as the table's endpoint sends items. */
        Table item(String name, ObjectNode bad) {
            int k = next();
            if (freshPath != null) {
                String p = freshPath.apply(k);
                return add(name, p, bytes(bad.toString()), JSON_TYPE, readBack ? p : null, Map.of());
            }
            ObjectNode good = fresh(valid, k, "a");
            if (idField != null && bad.has(idField) && bad.get(idField).asText().equals(valid.path(idField).asText())) {
                bad = fresh(bad, k, "b");
            }
            return request(name, path, envelope.formatted(good + "," + bad));
        }

        /** Generated rows: each of the edited item's {@code fields} missing (when required) and of the wrong JSON type. */
        Table fields(boolean required, Kind kind, String... fields) {
            return fields(edited, required, kind, fields);
        }

        Table fields(ObjectNode base, boolean required, Kind kind, String... fields) {
            for (String field : fields) {
                variants(base, field, kind, required).forEach(this::item);
            }
            return this;
        }

        /** Generated rows: every path id in {@code ids}, with the valid item. */
        Table pathIds(List<String> ids, String prefix) {
            for (String id : ids) {
                request("path id '" + Services.abbreviate(id, 20) + "'", prefix + enc(id), valid.toString());
            }
            return this;
        }

        /** Generated rows: the body-level cases, with a valid body of fresh ids. */
        Table bodyCases() {
            if (freshPath != null) {
                return bodyCases(freshPath.apply(next()), valid.toString(), false);
            }
            return bodyCases(path, envelope.formatted(fresh(valid, next(), "a")), !envelope.startsWith("{"));
        }

        /** Generated rows: the body-level cases, with this valid body; the array cases when the body is an array. */
        Table bodyCases(String at, String validBody, boolean array) {
            request("broken JSON (truncated)", at, validBody.substring(0, validBody.length() / 2));
            request("broken JSON (trailing garbage)", at, validBody + "}}");
            request("broken JSON (single quotes)", at, validBody.replace('"', '\''));
            request("empty body", at, "");
            request("JSON null", at, "null");
            request("wrong top-level type", at, array ? "{\"items\":" + validBody + "}" : "[" + validBody + "]");
            request("a bare string", at, "\"hello\"");
            if (array) {
                request("empty array", at, "[]");
                request("array of numbers", at, "[1,2,3]");
                request("array with a null item", at, "[null]");
                request("array of arrays", at, "[[]]");
            }
            request("raw SQL as body", at, "'; DROP TABLE usage_event; --");
            request("raw script as body", at, SCRIPT);
            request("deep nesting (100,000 levels)", at, "[".repeat(100_000) + "]".repeat(100_000));
            request("non-UTF-8 bytes in a string", at, nonUtf8(validBody), JSON_TYPE);
            for (Map.Entry<String, byte[]> bad : NOT_UTF8.entrySet()) {
                request("not UTF-8: " + bad.getKey(), at, withBytes(validBody, bad.getValue()), JSON_TYPE);
            }
            request("valid JSON sent as text/plain", at, bytes(validBody), "text/plain");
            request("valid JSON sent as application/xml", at, bytes(validBody), "application/xml");
            return request("body over the 16 MB limit", at, oversized(), JSON_TYPE, 413);
        }

        /** A row: one item more than the batch limit, all valid ({@code noun} names the items). */
        Table overLimit(String noun) {
            StringBuilder big = new StringBuilder();
            for (int i = 0; i <= limit; i++) {
                big.append(i > 0 ? "," : "").append(limitItem(i));
            }
            return request((limit + 1) + " " + noun + " (limit " + limit + ")", path, envelope.formatted(big), 413);
        }

        Table overLimit() {
            return overLimit("items");
        }

        /** A row: an explicit JSON request. */
        Table request(String name, String at, String body, int... allowed) {
            return request(name, at, body == null ? null : bytes(body), JSON_TYPE, allowed);
        }

        Table request(String name, String at, byte[] body, String contentType, int... allowed) {
            return request(name, at, body, contentType, Map.of(), allowed);
        }

        Table request(String name, String at, byte[] body, String contentType, Map<String, String> headers, int... allowed) {
            return add(name, at, body, contentType, null, headers, allowed);
        }

        /** A row: an explicit JSON write whose path must still answer 404 afterwards. */
        Table requestReadBack(String name, String at, String body, int... allowed) {
            return add(name, at, bytes(body), JSON_TYPE, at, Map.of(), allowed);
        }

        private Table add(String name, String at, byte[] body, String contentType, String readBackPath,
                          Map<String, String> headers, int... allowed) {
            Set<Integer> ok = new java.util.HashSet<>();
            for (int a : allowed) {
                ok.add(a);
            }
            cases.add(new Case(endpoint, name, method, module, at, body, contentType,
                    expectContinue && body != null && body.length > 1_000_000, ok, readBackPath, headers));
            return this;
        }

        private ObjectNode fresh(ObjectNode item, int k, String suffix) {
            return idField == null ? item.deepCopy() : with(item, idField, str("rb-bad-" + k + suffix));
        }

        /** An item for the over-the-limit batch: unique where the endpoint wants it unique. */
        private ObjectNode limitItem(int i) {
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
    }

    /** The generated rows of one field: missing, values of the wrong JSON type, text no database keeps, named twice. */
    private static Map<String, ObjectNode> variants(ObjectNode item, String f, Kind kind, boolean required) {
        Map<String, ObjectNode> v = new LinkedHashMap<>();
        if (required) {
            v.put(f + " missing", with(item, f, null));
            v.put(f + " null", with(item, f, "null"));
        }
        switch (kind) {
            case STRING -> {
                v.put(f + " as an object", with(item, f, "{\"a\":1}"));
                v.put(f + " as an array", with(item, f, "[\"a\"]"));
                if (required) {
                    v.put(f + " blank", with(item, f, "\"   \""));
                }
            }
            case LONG -> {
                v.put(f + " as text", with(item, f, "\"abc\""));
                v.put(f + " as an object", with(item, f, "{}"));
                v.put(f + " fractional", with(item, f, "1.5"));
                v.put(f + " beyond a 64-bit integer", with(item, f, "9223372036854775808"));
                v.put(f + " with 2,000 digits", with(item, f, "9".repeat(2000)));
                v.put(f + " negative", with(item, f, "-1"));
            }
            case DECIMAL -> {
                v.put(f + " as text", with(item, f, "\"abc\""));
                v.put(f + " as an object", with(item, f, "{}"));
                v.put(f + " with 2,000 digits", with(item, f, "9".repeat(2000)));
                v.put(f + " 1e400", with(item, f, "1e400"));
            }
            case INSTANT -> {
                v.put(f + " not a date", with(item, f, "\"not-a-date\""));
                v.put(f + " impossible date", with(item, f, "\"2024-02-30T25:61:00Z\""));
                v.put(f + " as an object", with(item, f, "{}"));
            }
            case DATE -> {
                v.put(f + " not a date", with(item, f, "\"not-a-date\""));
                v.put(f + " impossible date", with(item, f, "\"2024-02-30\""));
                v.put(f + " as an object", with(item, f, "{}"));
            }
            case BOOL -> {
                v.put(f + " as text", with(item, f, "\"yes\""));
                v.put(f + " as an object", with(item, f, "{}"));
            }
            case ENUM -> {
                v.put(f + " unknown value", with(item, f, "\"NOT_A_VALUE\""));
                v.put(f + " SQL fragment", with(item, f, SQL_JSON));
                v.put(f + " as an object", with(item, f, "{}"));
            }
        }
        // Issue 30: text no database keeps as sent, numbers too large to convert, a key named twice; every kind.
        if (kind == Kind.STRING || kind == Kind.INSTANT || kind == Kind.DATE || kind == Kind.ENUM) {
            NOT_STORABLE.forEach((what, text) -> v.put(f + " with " + what, with(item, f, "\"rb" + text + "x\"")));
        }
        if (kind == Kind.LONG || kind == Kind.DECIMAL) {
            TOO_LARGE.forEach(number -> v.put(f + " " + number, with(item, f, number)));
        }
        if (kind == Kind.DECIMAL) {
            v.put(f + " \"1e999999999\" as text", with(item, f, "\"1e999999999\""));
            v.put(f + " \"1E-999999999\" as text", with(item, f, "\"1E-999999999\""));
        }
        v.put(f + " named twice", twice(item, f));
        return v;
    }

    // ------------------------------------------------------------------------------------------------ values

    static ObjectNode obj(String json) {
        try {
            return (ObjectNode) Services.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A copy of {@code item} with {@code field} (one dot for a nested field) set to a raw JSON value, or removed. */
    static ObjectNode with(ObjectNode item, String field, String raw) {
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

    /** {@code item} with two fields set: {@code with(with(item, f1, raw1), f2, raw2)}. */
    static ObjectNode with(ObjectNode item, String f1, String raw1, String f2, String raw2) {
        return with(with(item, f1, raw1), f2, raw2);
    }

    /** {@code item} with {@code field} written twice (Jackson kept the last; a login signed in as the first). */
    private static ObjectNode twice(ObjectNode item, String field) {
        String name = field.contains(".") ? field.substring(field.indexOf('.') + 1) : field;
        JsonNode parent = field.contains(".") ? item.path(field.substring(0, field.indexOf('.'))) : item;
        JsonNode value = parent.path(name);
        String raw = value.isMissingNode() ? "null" : value.toString();
        return with(item, field, raw + ",\"" + name + "\":" + raw);
    }

    static String str(String v) {
        return Services.q(v);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The body with {@code bad} inside its first string value. */
    static byte[] withBytes(String valid, byte[] bad) {
        int quote = valid.indexOf("\":\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(valid.substring(0, quote + 3)));
        out.writeBytes(bad);
        out.writeBytes(bytes(valid.substring(quote + 3)));
        return out.toByteArray();
    }

    /** The body with the bytes C3 28 FF (not UTF-8) inside its first string value. */
    private static byte[] nonUtf8(String valid) {
        return withBytes(valid, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
    }

    /** A JSON array of 17 MB, over every service's 16 MB request limit. */
    static byte[] oversized() {
        StringBuilder b = new StringBuilder(17 * 1024 * 1024 + 100).append("[");
        String filler = "x".repeat(1000);
        int i = 0;
        while (b.length() < 17 * 1024 * 1024) {
            b.append(i++ > 0 ? "," : "").append("{\"eventId\":\"rb-big-").append(i).append("\",\"note\":\"").append(filler).append("\"}");
        }
        return bytes(b.append("]").toString());
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
