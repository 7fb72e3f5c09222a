package aikpi.e2e.reliability;

import static aikpi.e2e.reliability.BadInputCorpus.Kind.BOOL;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.DATE;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.DECIMAL;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.ENUM;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.INSTANT;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.LONG;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.STRING;
import static aikpi.e2e.reliability.BadInputCorpus.LONG_ID;
import static aikpi.e2e.reliability.BadInputCorpus.NOT_SLUGS;
import static aikpi.e2e.reliability.BadInputCorpus.OPTIONAL;
import static aikpi.e2e.reliability.BadInputCorpus.Q;
import static aikpi.e2e.reliability.BadInputCorpus.REQUIRED;
import static aikpi.e2e.reliability.BadInputCorpus.SCRIPT_JSON;
import static aikpi.e2e.reliability.BadInputCorpus.SQL;
import static aikpi.e2e.reliability.BadInputCorpus.SQL_JSON;
import static aikpi.e2e.reliability.BadInputCorpus.enc;
import static aikpi.e2e.reliability.BadInputCorpus.obj;
import static aikpi.e2e.reliability.BadInputCorpus.str;
import static aikpi.e2e.reliability.BadInputCorpus.with;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/** The bad-input tables of quark-service's endpoints: one row a case (see {@link BadInputCorpus}). */
final class QuarkBadInputs {

    /** Sketches built with Apache DataSketches 6.2, base64: HLL_8 lgK 12 of {rb-user-1, rb-user-2} and of {rb-user-1}. */
    static final String HLL_TWO = "AgEHDAMIAgghjxQTshtkBg==";
    static final String HLL_ONE = "AgEHDAMIAQghjxQT";
    static final String HLL_EMPTY = "AgEHDAMMAAg=";
    /** A Theta CompactSketch of {rb-user-1, rb-user-2}, the default seed; the same built with seed 42. */
    static final String THETA_TWO = "AgMDAAAazJMCAAAAAACAP9kNMg1uQV8BkEeKu0Uf7B8=";
    static final String THETA_SEED_42 = "AgMDAAAa+H0CAAAAAACAP8DaRpXN0iIFTJOziyECwh0=";
    /** An empty lgK 21 HLL sketch whose preamble says lgK 22; a dense HLL sketch cut after 60 bytes. */
    static final String HLL_LG_K_22 = "AgEHFgMMAAg=";
    static final String HLL_TRUNCATED = "CgEHCgAAAApu3Gp4MWezQAAAAIAO2GJAAAAAAAAAAAAHAAAAAAAAAAQBBAIDAgcDAgQEBwMFBAcDBQME";
    /** A day of the daily aggregates app: two active users, one of them with a resolved AI session. */
    static final String DAY = "{\"installs\":1,\"opens\":3,\"aiSessions\":{\"sessions\":1,\"turns\":2,"
            + "\"agentCalls\":0,\"resolved\":1,\"abandoned\":0,\"escalated\":0,\"unknown\":0,\"rated\":1,"
            + "\"ratingSum\":4,\"converted\":0,\"conversionValueCny\":0},\"activeUsers\":\"" + HLL_TWO
            + "\",\"newUsers\":\"" + HLL_TWO + "\",\"aiUsers\":\"" + HLL_ONE + "\",\"activeUsersTheta\":\"" + THETA_TWO + "\"}";

    private QuarkBadInputs() {
    }

    /** POST /api/v1/installs and POST /api/v1/activity/events: the same event shape. */
    static void events(BadInputCorpus c, String path) {
        ObjectNode event = obj("{\"eventId\":\"e\",\"appId\":\"rb-app\",\"userId\":\"rb-user-1\",\"occurredAt\":\"2024-08-10T04:00:00Z\"}");
        c.batch(path, Q, event, "eventId", 10_000)
                .fields(REQUIRED, STRING, "eventId", "appId", "userId")
                .fields(REQUIRED, INSTANT, "occurredAt")
                .item("eventId longer than 128",            "eventId",    LONG_ID)
                .item("userId longer than 128",             "userId",     LONG_ID)
                .item("appId unknown",                      "appId",      "\"rb-no-app\"")
                .item("appId SQL fragment",                 "appId",      SQL_JSON)
                .item("appId script",                       "appId",      SCRIPT_JSON)
                .item("occurredAt an hour in the future",   "occurredAt", str(c.inAnHour))
                .item("occurredAt before 2000",             "occurredAt", "\"1999-12-31T23:59:59Z\"")
                .item("occurredAt in year -999999999",      "occurredAt", "\"-999999999-01-01T00:00:00Z\"")
                .bodyCases()
                .overLimit();
    }

    /** POST /api/v1/ai-sessions. */
    static void aiSessions(BadInputCorpus c) {
        ObjectNode session = obj("{\"sessionId\":\"s\",\"appId\":\"rb-app\",\"featureId\":\"rb-feat\",\"userId\":\"rb-user-1\","
                + "\"startedAt\":\"2024-08-10T04:00:00Z\",\"turns\":3,\"agentCalls\":1,\"outcome\":\"RESOLVED\",\"rating\":4,"
                + "\"converted\":true,\"conversionValueCny\":9.99}");
        c.batch("/api/v1/ai-sessions", Q, session, "sessionId", 10_000)
                .fields(REQUIRED, STRING, "sessionId", "appId", "featureId", "userId")
                .fields(REQUIRED, INSTANT, "startedAt")
                .fields(REQUIRED, LONG, "turns", "agentCalls")
                .fields(REQUIRED, ENUM, "outcome")
                .fields(OPTIONAL, LONG, "rating")
                .fields(REQUIRED, BOOL, "converted")
                .fields(OPTIONAL, DECIMAL, "conversionValueCny")
                .item("sessionId longer than 128",          "sessionId",          LONG_ID)
                .item("appId unknown",                      "appId",              "\"rb-no-app\"")
                .item("featureId unknown",                  "featureId",          "\"rb-no-feature\"")
                .item("featureId SQL fragment",             "featureId",          SQL_JSON)
                .item("startedAt an hour in the future",    "startedAt",          str(c.inAnHour))
                .item("startedAt before 2000",              "startedAt",          "\"1999-12-31T23:59:59Z\"")
                .item("turns above 100,000",                "turns",              "100001")
                .item("agentCalls above 1,000,000",         "agentCalls",         "1000001")
                .item("rating 0",                           "rating",             "0")
                .item("rating 6",                           "rating",             "6")
                .item("conversionValueCny negative",        "conversionValueCny", "-1")
                .item("conversionValueCny with 3 decimals", "conversionValueCny", "1.234")
                .item("conversionValueCny 10^18",           "conversionValueCny", "1000000000000000000")
                .item("conversionValueCny without a conversion", "converted",     "false")
                .bodyCases()
                .overLimit();
    }

    /** PUT /api/v1/apps/{id}. */
    static void app(BadInputCorpus c) {
        ObjectNode app = obj("{\"name\":\"A\",\"businessUnit\":\"quark\",\"launchedOn\":\"2024-07-01\"}");
        c.put("/api/v1/apps/{id}", Q, app, k -> "/api/v1/apps/rb-bad-" + k, true)
                .fields(REQUIRED, STRING, "name", "businessUnit")
                .fields(REQUIRED, DATE, "launchedOn")
                .item("name 201 characters",                "name",         str("n".repeat(201)))
                .item("businessUnit upper case",            "businessUnit", "\"TAOBAO\"")
                .item("businessUnit SQL fragment",          "businessUnit", SQL_JSON)
                .item("launchedOn in year -999999999",      "launchedOn",   "\"-999999999-01-01\"")
                .item("launchedOn in year 0001",            "launchedOn",   "\"0001-01-01\"")
                .pathIds(NOT_SLUGS, "/api/v1/apps/")
                .bodyCases();
    }

    /** PUT /api/v1/apps/{id}/features/{featureId}; a feature is read as its app's list, so not read back by path. */
    static void feature(BadInputCorpus c) {
        ObjectNode feature = obj("{\"name\":\"F\",\"kind\":\"AGENT\",\"launchedOn\":\"2024-07-01\"}");
        c.put("/api/v1/apps/{id}/features/{featureId}", Q, feature, k -> "/api/v1/apps/rb-app/features/rb-bad-" + k, false)
                .fields(REQUIRED, STRING, "name")
                .fields(REQUIRED, ENUM, "kind")
                .fields(REQUIRED, DATE, "launchedOn")
                .item("name 201 characters",                "name",       str("n".repeat(201)))
                .item("launchedOn in year -999999999",      "launchedOn", "\"-999999999-01-01\"")
                .item("launchedOn in year 0001",            "launchedOn", "\"0001-01-01\"")
                .pathIds(NOT_SLUGS, "/api/v1/apps/rb-app/features/")
                .bodyCases()
                .request("unknown app", "/api/v1/apps/rb-no-app/features/f1", feature.toString(), 404);
    }

    private static final ObjectNode OPEN = obj("{\"type\":\"track\",\"event\":\"Application Opened\",\"messageId\":\"m\","
            + "\"userId\":\"rb-user-1\",\"timestamp\":\"2024-08-10T04:00:00Z\",\"properties\":{\"appId\":\"rb-app\"}}");

    /** POST /api/v1/segment/batch (Segment-spec calls): a valid open of the seeded app beside each bad call. */
    static void segmentBatch(BadInputCorpus c) {
        ObjectNode ended = obj("{\"type\":\"track\",\"event\":\"AI Session Ended\",\"messageId\":\"m\",\"userId\":"
                + "\"rb-user-1\",\"timestamp\":\"2024-08-10T04:00:00Z\",\"properties\":{\"appId\":\"rb-app\","
                + "\"featureId\":\"rb-feat\",\"turns\":3,\"agentCalls\":1,\"outcome\":\"RESOLVED\",\"rating\":4,"
                + "\"converted\":true,\"conversionValue\":9.99}}");
        String path = "/api/v1/segment/batch";
        c.batch(path, Q, OPEN, "messageId", 10_000).envelope("{\"batch\":[%s]}")
                .fields(REQUIRED, STRING, "messageId")
                .fields(OPTIONAL, INSTANT, "timestamp")
                .fields(REQUIRED, STRING, "event")
                .item("messageId longer than 125",          "messageId",       str("m".repeat(126)))
                .item("no userId or anonymousId",           "userId",          null)
                .item("userId as an object",                "userId",          "{\"id\":1}")
                .item("anonymousId longer than 118",        with(OPEN, "userId", null, "anonymousId", str("a".repeat(119))))
                .item("no timestamp or originalTimestamp",  "timestamp",       null)
                .item("timestamp without an offset",        "timestamp",       "\"2024-08-10T04:00:00\"")
                .item("timestamp an hour in the future",    "timestamp",       str(c.inAnHour))
                .item("timestamp before 2000",              "timestamp",       "\"1999-12-31T23:59:59Z\"")
                .item("no app: neither properties.appId nor context.app.namespace", "properties", "{}")
                .item("an unknown context.app.namespace",   with(OPEN, "properties", "{}",
                        "context", "{\"app\":{\"namespace\":\"com.example.nowhere\"}}"))
                .item("properties.appId unknown",           "properties.appId", "\"rb-no-app\"")
                .item("properties.appId SQL fragment",      "properties.appId", SQL_JSON)
                .item("properties.appId of an app fed by daily aggregates", "properties.appId", "\"rb-agg\"")
                .item("properties as an array",             "properties",      "[1]")
                .item("type unknown",                       "type",            "\"rocket\"")
                .item("type missing",                       "type",            null)
                .item("a call with neither type nor event", obj("{\"userId\":\"rb-user-1\"}"))
                .fields(ended, REQUIRED, LONG, "properties.turns", "properties.agentCalls")
                .fields(ended, REQUIRED, ENUM, "properties.outcome")
                .fields(ended, REQUIRED, BOOL, "properties.converted")
                .fields(ended, REQUIRED, STRING, "properties.featureId")
                .item("AI Session Ended without properties", ended, "properties",                  null)
                .item("properties.featureId unknown",       ended, "properties.featureId",       "\"rb-no-feature\"")
                .item("properties.turns above 100,000",     ended, "properties.turns",           "100001")
                .item("properties.rating 6",                ended, "properties.rating",          "6")
                .item("properties.rating 2^40",             ended, "properties.rating",          "1099511627776")
                .item("properties.conversionValue negative", ended, "properties.conversionValue", "-1")
                .item("properties.conversionValue with 3 decimals", ended, "properties.conversionValue", "1.234")
                .item("properties.conversionValue 10^18",   ended, "properties.conversionValue", "1000000000000000000")
                .item("properties.conversionValue in words", ended, "properties.conversionValue", "\"lots\"")
                .item("properties.currency USD",            ended, "properties.currency",        "\"USD\"")
                .item("properties.sessionId longer than 128", ended, "properties.sessionId",     LONG_ID)
                .request("a call that is not an object", path,
                        "{\"batch\":[" + with(OPEN, "messageId", str("rb-bad-number")) + ",5]}")
                .bodyCases(path, "{\"batch\":[" + with(OPEN, "messageId", str("rb-bad-body")) + "]}", false)
                .request("an empty batch", path, "{\"batch\":[]}")
                .request("batch is not an array", path, "{\"batch\":{}}")
                .overLimit("calls");
    }

    /** POST /api/v1/segment/track: one call, not a batch. */
    static void segmentTrack(BadInputCorpus c) {
        String path = "/api/v1/segment/track";
        c.table(path, "POST", Q)
                .request("an identify call to the track endpoint", path, "{\"type\":\"identify\",\"userId\":\"rb-user-1\"}")
                .request("a batch to the track endpoint", path, "[" + with(OPEN, "messageId", str("rb-bad-track")) + "]")
                .request("an open in the future", path,
                        with(OPEN, "messageId", str("rb-bad-track-2"), "timestamp", str(c.inAnHour)).toString());
    }

    /** PUT /api/v1/apps/{id}/days/{date} (the daily aggregates): each row on a day of 2023 that no case stores. */
    static void day(BadInputCorpus c) {
        ObjectNode day = obj(DAY);
        BadInputCorpus.Table t = c.put("/api/v1/apps/{id}/days/{date}", Q, day,
                k -> "/api/v1/apps/rb-agg/days/" + LocalDate.of(2023, 1, 1).plusDays(k % 365), true);
        t.fields(REQUIRED, LONG, "installs", "opens", "aiSessions.sessions", "aiSessions.resolved", "aiSessions.unknown",
                        "aiSessions.ratingSum", "aiSessions.converted")
                .fields(REQUIRED, DECIMAL, "aiSessions.conversionValueCny");
        for (String sketch : List.of("activeUsers", "newUsers", "aiUsers")) {
            t.fields(REQUIRED, STRING, sketch)
                    .item(sketch + " not base64",           sketch, "\"not base64!\"")
                    .item(sketch + " a Theta sketch",       sketch, str(THETA_TWO))
                    .item(sketch + " lgK 22",               sketch, str(HLL_LG_K_22))
                    .item(sketch + " cut short",            sketch, str(HLL_TRUNCATED))
                    .item(sketch + " three bytes",          sketch, "\"AQID\"");
        }
        t.fields(OPTIONAL, STRING, "activeUsersTheta")
                .item("activeUsersTheta an HLL sketch",     "activeUsersTheta",       str(HLL_TWO))
                .item("activeUsersTheta of another seed",   "activeUsersTheta",       str(THETA_SEED_42))
                .item("aiSessions missing",                 "aiSessions",             null)
                .item("outcomes that do not add up to the sessions", "aiSessions.abandoned", "1")
                .item("more rated than sessions",           with(day, "aiSessions.rated", "2", "aiSessions.ratingSum", "8"))
                .item("ratingSum above 5 per rating",       "aiSessions.ratingSum",   "6")
                .item("more conversions than sessions",     "aiSessions.converted",   "2")
                .item("a conversion value without conversions", "aiSessions.conversionValueCny", "5.00")
                .item("conversionValueCny with 3 decimals", with(day, "aiSessions.converted", "1",
                        "aiSessions.conversionValueCny", "1.234"))
                .item("turns above 100,000 a session",      "aiSessions.turns",       "100001")
                .item("opens without active users",         "activeUsers",            str(HLL_EMPTY))
                .item("active users without opens",         "opens",                  "0")
                .item("AI users without sessions",          with(with(day, "aiSessions.sessions", "0", "aiSessions.resolved", "0"),
                        "aiSessions.rated", "0", "aiSessions.ratingSum", "0"))
                .item("installs 10^13",                     "installs",               "10000000000000");
        for (String date : List.of(c.today.replace("-", ""), c.in2days, "2024-02-30", "1989-12-31", "2024-13-01", enc(SQL))) {
            t.request("date '" + Services.abbreviate(date, 20) + "'", "/api/v1/apps/rb-agg/days/" + date, DAY);
        }
        t.requestReadBack("a day for an app fed by events", "/api/v1/apps/rb-app/days/2024-08-11", DAY, 409)
                .request("a day for an unknown app", "/api/v1/apps/rb-no-app/days/2024-08-11", DAY, 404)
                .bodyCases("/api/v1/apps/rb-agg/days/2024-05-31", DAY, false);
    }
}
