package aikpi.e2e.reliability;

import static aikpi.e2e.reliability.BadInputCorpus.B;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.DATE;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.DECIMAL;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.ENUM;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.LONG;
import static aikpi.e2e.reliability.BadInputCorpus.Kind.STRING;
import static aikpi.e2e.reliability.BadInputCorpus.LONG_ID;
import static aikpi.e2e.reliability.BadInputCorpus.NOT_STORABLE;
import static aikpi.e2e.reliability.BadInputCorpus.NOT_UTF8;
import static aikpi.e2e.reliability.BadInputCorpus.REQUIRED;
import static aikpi.e2e.reliability.BadInputCorpus.SCRIPT;
import static aikpi.e2e.reliability.BadInputCorpus.SCRIPT_JSON;
import static aikpi.e2e.reliability.BadInputCorpus.SQL;
import static aikpi.e2e.reliability.BadInputCorpus.SQL_JSON;
import static aikpi.e2e.reliability.BadInputCorpus.TOO_LARGE;
import static aikpi.e2e.reliability.BadInputCorpus.bytes;
import static aikpi.e2e.reliability.BadInputCorpus.enc;
import static aikpi.e2e.reliability.BadInputCorpus.obj;
import static aikpi.e2e.reliability.BadInputCorpus.str;
import static aikpi.e2e.reliability.BadInputCorpus.with;

import aikpi.testing.Gzip;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The bad-input tables of cloud-billing-service's endpoints: one row a case (see {@link BadInputCorpus}). */
final class BillingBadInputs {

    private BillingBadInputs() {
    }

    /** A ledger line as JSON (null: the JSON null). */
    static String line(String id, String customer, String kind, String unit, String booked, String product,
                       String amount, String funding, String voucher, Long tokens, String correctionOf) {
        return "{\"lineId\":" + Services.q(id) + ",\"customerId\":" + Services.q(customer) + ",\"customerKind\":" + Services.q(kind)
                + ",\"businessUnit\":" + Services.q(unit) + ",\"bookedOn\":" + Services.q(booked) + ",\"product\":"
                + Services.q(product) + ",\"amountCny\":" + amount + ",\"funding\":" + Services.q(funding) + ",\"voucherId\":"
                + Services.q(voucher) + ",\"tokens\":" + tokens + ",\"correctionOf\":" + Services.q(correctionOf) + "}";
    }

    /** PUT /api/v1/group-revenue/{quarter}: each row on a quarter of 2100-2199, valid and never stored. */
    static void groupRevenue(BadInputCorpus c) {
        ObjectNode revenue = obj("{\"groupRevenueCny\":1000.00,\"cloudRevenueCny\":100.00,\"source\":\"S\"}");
        BadInputCorpus.Table t = c.put("/api/v1/group-revenue/{quarter}", B, revenue,
                        k -> "/api/v1/group-revenue/" + (2100 + k % 100) + "-Q1", true)
                .fields(REQUIRED, DECIMAL, "groupRevenueCny", "cloudRevenueCny")
                .fields(REQUIRED, STRING, "source")
                .item("groupRevenueCny negative",           "groupRevenueCny", "-1000")
                .item("groupRevenueCny zero",               with(revenue, "groupRevenueCny", "0", "cloudRevenueCny", "0"))
                .item("groupRevenueCny with 3 decimals",    "groupRevenueCny", "1000.001")
                .item("groupRevenueCny 10^18",              "groupRevenueCny", "1000000000000000000")
                .item("cloud above group",                  "cloudRevenueCny", "2000")
                .item("source 501 characters",              "source",          str("s".repeat(501)))
                .bodyCases("/api/v1/group-revenue/2001-Q1", revenue.toString(), false);
        for (String q : List.of("2024-13", "2024-03", "2024-03-01", "FY2025-Q5", "1969-Q4", "3000-Q1", SQL, SCRIPT)) {
            t.request("quarter '" + q + "'", "/api/v1/group-revenue/" + enc(q), revenue.toString());
        }
    }

    /** PUT /api/v1/vouchers/{id}: voucher ids are client-chosen text of 1 to 128 characters, so only a blank one is wrong. */
    static void voucher(BadInputCorpus c) {
        ObjectNode voucher = obj("{\"customerId\":\"rb-inv\",\"customerKind\":\"INVESTEE\",\"amountCny\":100.00,"
                + "\"issuedOn\":\"2024-07-01\",\"expiresOn\":\"2024-12-31\"}");
        c.put("/api/v1/vouchers/{id}", B, voucher, k -> "/api/v1/vouchers/rb-bad-" + k, true)
                .fields(REQUIRED, STRING, "customerId")
                .fields(REQUIRED, ENUM, "customerKind")
                .fields(REQUIRED, DECIMAL, "amountCny")
                .fields(REQUIRED, DATE, "issuedOn", "expiresOn")
                .item("customerId SQL fragment",            "customerId", SQL_JSON)
                .item("customerId upper case",              "customerId", "\"RB-INV\"")
                .item("amountCny zero",                     "amountCny",  "0")
                .item("amountCny negative",                 "amountCny",  "-5")
                .item("amountCny with 3 decimals",          "amountCny",  "1.005")
                .item("amountCny 10^18",                    "amountCny",  "1000000000000000000")
                .item("expiresOn before issuedOn",          "expiresOn",  "\"2024-06-30\"")
                .item("issuedOn in year -999999999",        "issuedOn",   "\"-999999999-01-01\"")
                .item("expiresOn in year +999999999",       "expiresOn",  "\"+999999999-12-31\"")
                .item("issuedOn in year 0001",              "issuedOn",   "\"0001-01-01\"")
                .pathIds(List.of(" "), "/api/v1/vouchers/")
                .bodyCases()
                .request("voucherId 129 characters", "/api/v1/vouchers/" + "v".repeat(129), voucher.toString())
                .request("amount below what was drawn", "/api/v1/vouchers/rb-v1", with(voucher, "amountCny", "50.00").toString(), 409)
                .request("a drawn voucher to another customer", "/api/v1/vouchers/rb-v1",
                        with(voucher, "customerId", "\"rb-someone-else\"").toString(), 409);
    }

    /** POST /api/v1/ledger/lines: cash lines, MaaS lines with tokens, voucher lines and corrections of seeded lines. */
    static void ledgerLines(BadInputCorpus c) {
        ObjectNode ln = obj(line("l", "rb-cust", "EXTERNAL", null, "2024-08-10", "IAAS", "10.00", "CASH", null, null, null));
        ObjectNode maas = with(ln, "product", "\"MAAS_TOKENS\"", "tokens", "1000");
        ObjectNode vline = obj(line("l", "rb-inv", "INVESTEE", null, "2024-08-10", "AI_COMPUTE", "10.00", "VOUCHER", "rb-v1", null, null));
        ObjectNode corr = obj(line("l", "rb-cust", "EXTERNAL", null, "2024-08-10", "MAAS_TOKENS", "-10.00", "CASH", null, -100L, "rb-l2"));
        String path = "/api/v1/ledger/lines";
        c.batch(path, B, ln, "lineId", 10_000)
                .fields(REQUIRED, STRING, "lineId", "customerId")
                .fields(REQUIRED, ENUM, "customerKind")
                .fields(REQUIRED, DATE, "bookedOn")
                .fields(REQUIRED, ENUM, "product")
                .fields(REQUIRED, DECIMAL, "amountCny")
                .fields(REQUIRED, ENUM, "funding")
                .fields(maas, REQUIRED, LONG, "tokens")
                .item("lineId longer than 128",                    "lineId",       LONG_ID)
                .item("customerId SQL fragment",                   "customerId",   SQL_JSON)
                .item("customerId script",                         "customerId",   SCRIPT_JSON)
                .item("INTERNAL without businessUnit",             "customerKind", "\"INTERNAL\"")
                .item("INTERNAL with businessUnit SQL",            with(ln, "customerKind", "\"INTERNAL\"", "businessUnit", SQL_JSON))
                .item("EXTERNAL with businessUnit",                "businessUnit", "\"taobao\"")
                .item("bookedOn in 3 days",                        "bookedOn",     str(c.in3days))
                .item("bookedOn before 2009",                      "bookedOn",     "\"2008-12-31\"")
                .item("bookedOn in year -999999999",               "bookedOn",     "\"-999999999-01-01\"")
                .item("amountCny negative (not a correction)",     "amountCny",    "-10.00")
                .item("amountCny with 3 decimals",                 "amountCny",    "10.001")
                .item("amountCny 10^18",                           "amountCny",    "1000000000000000000")
                .item("VOUCHER without voucherId",                 vline, "voucherId",    null)
                .item("CASH with a voucherId",                     "voucherId",    "\"rb-v1\"")
                .item("VOUCHER of an unknown voucher",             vline, "voucherId",    "\"rb-no-voucher\"")
                .item("VOUCHER of another customer's voucher",     vline, "voucherId",    "\"rb-v2\"")
                .item("VOUCHER overdrawing it",                    vline, "amountCny",    "5000.00")
                .item("VOUCHER booked before it was issued",       vline, "bookedOn",     "\"2024-06-30\"")
                .item("VOUCHER voucherId longer than 128",         vline, "voucherId",    LONG_ID)
                .item("MAAS_TOKENS without tokens",                maas,  "tokens",       null)
                .item("IAAS with tokens",                          "tokens",       "5")
                .item("tokens above 10^15",                        maas,  "tokens",       "1000000000000001")
                .item("correction of an unknown line",             corr,  "correctionOf", "\"rb-no-line\"")
                // a correction naming itself must carry its own id
                .request("correction of itself", path,
                        "[" + with(corr, "lineId", "\"rb-self\"", "correctionOf", "\"rb-self\"") + "]")
                .item("correction of a correction",                corr,  "correctionOf", "\"rb-l5\"")
                .item("correction with another product",           with(corr, "product", "\"IAAS\"", "tokens", null))
                .item("correction below zero",                     corr,  "amountCny",    "-1000.00")
                .item("correction tokens below zero",              corr,  "tokens",       "-5000000")
                .item("correction tokens Long.MIN",                corr,  "tokens",       "-9223372036854775808")
                .item("correction booked before its line",         corr,  "bookedOn",     "\"2024-08-01\"")
                .item("correctionOf longer than 128",              corr,  "correctionOf", LONG_ID)
                .request("correction before the line it corrects (same batch)", path,
                        "[" + with(corr, "lineId", "\"rb-c-first\"", "correctionOf", "\"rb-c-later\"") + ","
                                + with(maas, "lineId", "\"rb-c-later\"", "amountCny", "50.00") + "]")
                .bodyCases()
                .overLimit();
    }

    /** A FOCUS file of a final billing month of the seeded quarter, which the harness imports before the rows. */
    static final String CLOSED_MONTH_FILE = "BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargeCategory,"
            + "ChargeClass,BilledCost,BillingCurrency,ServiceCategory\n"
            + "rb-focus-closed,2024-07-01T00:00:00Z,2024-07-10T04:00:00Z,Usage,,5.00,CNY,Compute\n";

    /** POST /api/v1/ledger/imports (FOCUS files): a valid row of the seeded quarter before each bad one. */
    static void focusImport(BadInputCorpus c) {
        String header = "BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargeCategory,ChargeClass,BilledCost,"
                + "BillingCurrency,ServiceCategory,ConsumedQuantity,ConsumedUnit,Tags\n";
        String good = "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,12.34,CNY,Compute,,,\n";
        String file = header + good;
        String toTags = "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Compute,,,";
        // The files go as a plain upload: their bounds are the CSV parser's (413 as it reads), not the body limit.
        Focus t = new Focus(c.table("/api/v1/ledger/imports", "POST", B).withoutExpectContinue())
                .file("a file without the FOCUS columns the mapping needs", "BillingAccountId,BilledCost\nrb-focus,1.00\n")
                .file("a header only", header)
                .file("a date that does not parse",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-32 04:00:00,Usage,,1.00,CNY,Compute,,,\n")
                .file("a cost that is not a number",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,12,34,CNY,Compute,,,\n")
                .file("a cost in words",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,twelve,CNY,Compute,,,\n")
                .file("an unknown ChargeCategory",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Refund,,1.00,CNY,Compute,,,\n")
                .file("another currency",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,USD,Compute,,,\n")
                .file("an unknown ServiceCategory",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Computers,,,\n")
                .file("a ChargeClass other than Correction",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,Refund,1.00,CNY,Compute,,,\n")
                .file("a token quantity that is not a number", file
                        + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,AI and Machine Learning,lots,1M Tokens,\n")
                .file("an INTERNAL customer without a business unit", file
                        + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Compute,,,\"{\"\"customer-kind\"\": \"\"INTERNAL\"\"}\"\n")
                .file("a credit drawing an unknown voucher", file
                        + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Credit,,-1.00,CNY,Compute,,,\"{\"\"voucher-id\"\": \"\"rb-no-voucher\"\"}\"\n")
                .file("a booking day in the future",
                        file + "rb-focus,2024-08-01T00:00:00Z," + c.in3days + "T04:00:00Z,Usage,,1.00,CNY,Compute,,,\n")
                .file("a row with a field too many",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Compute,,,,extra\n")
                .file("a quoted field never closed",
                        file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,\"Compute,,,\n")
                .file("not UTF-8", file.replace("rb-focus,", "rb-f\u00f6cus,").getBytes(StandardCharsets.ISO_8859_1), Map.of());
        for (Map.Entry<String, String> s : NOT_STORABLE.entrySet()) {
            if (s.getValue().contains("\\ud") || s.getValue().contains("\\udc")) {
                continue; // UTF-8 cannot carry an unpaired surrogate: the "not UTF-8" rows cover CESU-8
            }
            String ch = new String(Character.toChars(Integer.parseInt(s.getValue().substring(2, 6), 16)));
            t.file("a BillingAccountId with " + s.getKey(),
                            file + "rb-f" + ch + ",2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,Compute,,,\n")
                    .file("a voucher tag with " + s.getKey(), file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,"
                            + "Credit,,-1.00,CNY,Compute,,,\"{\"\"voucher-id\"\": \"\"rb-v1" + ch + "\"\"}\"\n");
        }
        for (String number : TOO_LARGE) {
            t.file("a cost of " + number,
                            file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,," + number + ",CNY,Compute,,,\n")
                    .file("a token quantity of " + number, file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,"
                            + "Usage,,1.00,CNY,AI and Machine Learning," + number + ",1M Tokens,\n");
        }
        t.file("a token unit of 10^40 tokens", file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,Usage,,1.00,CNY,"
                + "AI and Machine Learning,1," + "1" + "0".repeat(40) + " Tokens,\n");
        for (Map.Entry<String, byte[]> bad : NOT_UTF8.entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(bytes(file + "rb-f"));
            out.writeBytes(bad.getValue());
            out.writeBytes(bytes(good.substring(4)));
            t.file("not UTF-8: " + bad.getKey(), out.toByteArray(), Map.of());
        }
        byte[] gz = Gzip.compress(bytes(file + good.replace("12.34", "0.66")));
        Map<String, String> gzipped = Map.of("Content-Encoding", "gzip");
        t.file("a truncated gzip stream", Arrays.copyOf(gz, gz.length - 10), gzipped)
                .file("Content-Encoding gzip that is not gzip", bytes(file), gzipped)
                .file("a Content-Encoding the import does not take", bytes(file), Map.of("Content-Encoding", "br"), 415)
                // Sizes the CSV parser would build in memory: refused at the field, row and column bounds (413), quickly.
                .file("a Tags cell of 1 MB", file + toTags + "\"{" + "x".repeat(1 << 20) + "}\"\n", 413)
                .file("a BilledCost cell of 1 MB of digits", file + "rb-focus,2024-08-01T00:00:00Z,2024-08-10T04:00:00Z,"
                        + "Usage,,1" + "0".repeat(1 << 20) + ",CNY,Compute,,,\n", 413)
                .file("a quoted cell of 100,000 line breaks", file + toTags + "\"" + "\n".repeat(100_000) + "\"\n", 413)
                .file("a row of 2 MB without a line break (fields of 60,000 characters)",
                        file + ("y".repeat(60_000) + ",").repeat(35), 413)
                .file("a header of 1,001 columns", header.strip() + ",x".repeat(990) + "\n" + good, 413)
                .file("a header of 1 MB of commas", ",".repeat(1 << 20), 413)
                .file("a header column name of 1 MB", "x".repeat(1 << 20) + "," + file, 413)
                .file("a 2 MB gzip stream inflating to 2 GiB of one cell", Gzip.bomb(file + toTags + "\"", 'x'), gzipped, 413)
                .file("a 2 MB gzip stream inflating to a header of 2 GiB of commas", Gzip.bomb("", ','), gzipped, 413);
        t.table.request("JSON instead of CSV", "/api/v1/ledger/imports", bytes("[]"), "application/json", 415);
        t.file("a restatement of a final billing month already imported (2024-07)",
                CLOSED_MONTH_FILE.replace("5.00", "6.00"), 409);
    }

    /** The FOCUS rows: a CSV file, with further headers (such as Content-Encoding) where given. */
    private record Focus(BadInputCorpus.Table table) {
        Focus file(String name, String csv, int... allowed) {
            return file(name, bytes(csv), Map.of(), allowed);
        }

        Focus file(String name, byte[] csv, Map<String, String> headers, int... allowed) {
            table.request(name, "/api/v1/ledger/imports", csv, "text/csv", headers, allowed);
            return this;
        }
    }
}
