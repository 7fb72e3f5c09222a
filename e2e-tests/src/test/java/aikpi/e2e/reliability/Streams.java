package aikpi.e2e.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ingestion streams the load and crash harnesses drive, with the client-side book-keeping that the services'
 * own figures are reconciled against. Every item's content is derived from its id, so an item sent again (a
 * re-sent batch, an id repeated inside a batch) is the same item. Ids are unique per run (a run tag) and every
 * item of a run lies in the run's own month, on the run's own customers, model, app and feature, so the services'
 * figures for that month are exactly what this run sent.
 */
final class Streams {

    private Streams() {
    }

    /** The figures one item adds to a stream's totals (first figure: the item count itself). */
    enum Stream {
        TONGYI_USAGE(Services.TONGYI, "/api/v1/usage/events", "tongyi usage events",
                List.of("events", "inputTokens", "outputTokens")),
        QUARK_OPENS(Services.QUARK, "/api/v1/activity/events", "quark app opens", List.of("opens (= users)")),
        QUARK_INSTALLS(Services.QUARK, "/api/v1/installs", "quark installs", List.of("installs")),
        QUARK_SESSIONS(Services.QUARK, "/api/v1/ai-sessions", "quark AI sessions",
                List.of("sessions", "turns", "agentCalls", "resolved", "knownOutcome", "rated", "ratingSum",
                        "conversions", "conversionValueFen")),
        BILLING_LEDGER(Services.BILLING, "/api/v1/ledger/lines", "billing ledger lines",
                List.of("lines", "amountFen", "cashFen", "voucherFen", "tokens"));

        final String module;
        final String path;
        final String label;
        final List<String> figures;

        Stream(String module, String path, String label, List<String> figures) {
            this.module = module;
            this.path = path;
            this.label = label;
            this.figures = figures;
        }
    }

    /** What a run writes into: its tag (in every id), its month, and the entities it created for itself. */
    record Context(String tag, int year, int month) {

        String model() {
            return tag + "-model";
        }

        String customer(int k) {
            return tag + "-cust-" + k;
        }

        String app() {
            return tag + "-app";
        }

        String feature() {
            return tag + "-assistant";
        }

        String period() {
            return String.format("%04d-%02d", year, month);
        }

        /** A moment inside the month whatever the reporting zone (days 2..27, 02:00-13:59 UTC). */
        Instant instant(long h) {
            int day = 2 + (int) Math.floorMod(h, 26);
            int second = (int) Math.floorMod(h >>> 8, 12 * 3600);
            return LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(2 * 3600 + second);
        }

        LocalDate day(long h) {
            return LocalDate.of(year, month, 2 + (int) Math.floorMod(h, 26));
        }

        /** Creates the run's customers and model (tongyi) and app and feature (quark); billing needs none. */
        void setUp(Services s) {
            s.write("PUT", Services.TONGYI, "/api/v1/models/" + model(), "{\"family\":\"reliability\",\"vendor\":\"Alibaba\","
                    + "\"displayName\":\"Reliability " + tag + "\",\"openSource\":true,\"releaseDate\":\"2024-01-01\"}");
            for (int k = 0; k < 4; k++) {
                s.write("PUT", Services.TONGYI, "/api/v1/customers/" + customer(k),
                        "{\"name\":\"Reliability customer " + k + "\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-01-01\"}");
            }
            s.write("PUT", Services.QUARK, "/api/v1/apps/" + app(),
                    "{\"name\":\"Reliability " + tag + "\",\"businessUnit\":\"quark\",\"launchedOn\":\"2024-01-01\"}");
            s.write("PUT", Services.QUARK, "/api/v1/apps/" + app() + "/features/" + feature(),
                    "{\"name\":\"Assistant\",\"kind\":\"ASSISTANT\",\"launchedOn\":\"2024-01-01\"}");
        }
    }

    /** One request body, ready to send (and to send again). */
    record Batch(Stream stream, long firstSeq, String body, int items, int distinct, long[] sums) {
    }

    /** A batch of {@code size} new items with ids {@code first..first+size-1}, plus {@code repeats} in-batch repeats. */
    static Batch batch(Stream stream, Context ctx, long first, int size, int repeats) {
        StringBuilder b = new StringBuilder(size * 200).append('[');
        long[] sums = new long[stream.figures.size()];
        List<String> items = new ArrayList<>(size);
        for (long seq = first; seq < first + size; seq++) {
            String item = item(stream, ctx, seq, sums);
            items.add(item);
            b.append(items.size() > 1 ? "," : "").append(item);
        }
        for (int r = 0; r < repeats; r++) {
            b.append(',').append(items.get(ThreadLocalRandom.current().nextInt(items.size())));
        }
        return new Batch(stream, first, b.append(']').toString(), size + repeats, size, sums);
    }

    static String id(Stream stream, Context ctx, long seq) {
        return ctx.tag() + "-" + stream.ordinal() + "-" + seq;
    }

    private static long hash(String id) {
        long h = 1125899906842597L;
        for (int i = 0; i < id.length(); i++) {
            h = 31 * h + id.charAt(i);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }

    private static String item(Stream stream, Context ctx, long seq, long[] sums) {
        String id = id(stream, ctx, seq);
        long h = hash(id);
        sums[0]++;
        switch (stream) {
            case TONGYI_USAGE -> {
                long in = 1 + h % 5000;
                long out = 1 + (h >>> 16) % 2000;
                sums[1] += in;
                sums[2] += out;
                return "{\"eventId\":\"" + id + "\",\"customerId\":\"" + ctx.customer((int) ((h >>> 30) % 4))
                        + "\",\"modelId\":\"" + ctx.model() + "\",\"occurredAt\":\"" + ctx.instant(h >>> 3)
                        + "\",\"inputTokens\":" + in + ",\"outputTokens\":" + out + "}";
            }
            case QUARK_OPENS, QUARK_INSTALLS -> {
                return "{\"eventId\":\"" + id + "\",\"appId\":\"" + ctx.app() + "\",\"userId\":\"user-" + id
                        + "\",\"occurredAt\":\"" + ctx.instant(h) + "\"}";
            }
            case QUARK_SESSIONS -> {
                long turns = 1 + h % 20;
                long agentCalls = (h >>> 8) % 6;
                String outcome = List.of("RESOLVED", "ABANDONED", "ESCALATED", "UNKNOWN").get((int) ((h >>> 12) % 4));
                long rating = (h >>> 16) % 6; // 0: not rated
                boolean converted = (h >>> 20) % 5 == 0;
                long valueFen = converted ? (h >>> 24) % 100_000 : 0;
                sums[1] += turns;
                sums[2] += agentCalls;
                sums[3] += outcome.equals("RESOLVED") ? 1 : 0;
                sums[4] += outcome.equals("UNKNOWN") ? 0 : 1;
                sums[5] += rating > 0 ? 1 : 0;
                sums[6] += rating;
                sums[7] += converted ? 1 : 0;
                sums[8] += valueFen;
                return "{\"sessionId\":\"" + id + "\",\"appId\":\"" + ctx.app() + "\",\"featureId\":\"" + ctx.feature()
                        + "\",\"userId\":\"su-" + (h >>> 28) % 5000 + "\",\"startedAt\":\"" + ctx.instant(h >>> 5)
                        + "\",\"turns\":" + turns + ",\"agentCalls\":" + agentCalls + ",\"outcome\":\"" + outcome
                        + "\",\"rating\":" + (rating > 0 ? String.valueOf(rating) : "null") + ",\"converted\":" + converted
                        + ",\"conversionValueCny\":" + (converted ? fen(valueFen) : "null") + "}";
            }
            case BILLING_LEDGER -> {
                String product = List.of("IAAS", "MAAS_TOKENS", "AI_COMPUTE", "PAAS").get((int) (h % 4));
                long amountFen = 1 + (h >>> 4) % 10_000_000;
                long tokens = product.equals("MAAS_TOKENS") ? 1 + (h >>> 30) % 5_000_000 : 0;
                sums[1] += amountFen;
                sums[2] += amountFen;
                sums[4] += tokens;
                return "{\"lineId\":\"" + id + "\",\"customerId\":\"" + ctx.customer((int) ((h >>> 40) % 4))
                        + "\",\"customerKind\":\"EXTERNAL\",\"bookedOn\":\"" + ctx.day(h >>> 2) + "\",\"product\":\""
                        + product + "\",\"amountCny\":" + fen(amountFen) + ",\"funding\":\"CASH\""
                        + (tokens > 0 ? ",\"tokens\":" + tokens : "") + "}";
            }
            default -> throw new IllegalArgumentException(stream.name());
        }
    }

    static String fen(long fen) {
        return (fen / 100) + "." + String.format("%02d", fen % 100);
    }

    /**
     * The client's book of one stream: what was sent, what the service acknowledged, and the totals of the distinct
     * items of every batch that was acknowledged at least once. Thread-safe.
     */
    static final class Tally {
        final Stream stream;
        long requestsAcked;
        long itemsAcked;
        long accepted;
        long duplicates;
        long distinctAcked;
        long acceptedInLostAnswers;
        long resentNotStored;
        long resentAlreadyStored;
        /** Unanswered batches found partly stored when sent again: embedded H2's crash leftovers (RELIABILITY.md, C4). */
        long resentPartlyStored;
        /** Whether the stream's service runs on its embedded H2 file database, which can keep such leftovers. */
        boolean embeddedH2;
        final long[] sums;
        final List<String> violations = new ArrayList<>();

        Tally(Stream stream) {
            this.stream = stream;
            this.sums = new long[stream.figures.size()];
        }

        /** Books an answer to a batch; {@code firstAck} when no earlier send of this batch was acknowledged. */
        synchronized void acked(Batch b, int acceptedNow, int duplicatesNow, boolean firstAck) {
            requestsAcked++;
            itemsAcked += b.items();
            accepted += acceptedNow;
            duplicates += duplicatesNow;
            if (acceptedNow + duplicatesNow != b.items()) {
                violation("answer to a batch of " + b.items() + " items: accepted " + acceptedNow + " + duplicates "
                        + duplicatesNow + " != " + b.items());
            }
            if (firstAck) {
                distinctAcked += b.distinct();
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += b.sums()[i];
                }
            }
        }

        /**
         * Books the answer to a batch whose earlier sends got no answer (a failed request, a killed service): the
         * batch is atomic, so the answer is either "all new" (nothing of it had been stored) or "all duplicates" (it
         * had been stored, and the lost answer had accepted it); anything else is a partly stored batch.
         */
        synchronized void resolved(Batch b, int acceptedNow, int duplicatesNow) {
            if (acceptedNow == b.distinct() && duplicatesNow == b.items() - b.distinct()) {
                resentNotStored++;
            } else if (acceptedNow == 0 && duplicatesNow == b.items()) {
                resentAlreadyStored++;
                acceptedInLostAnswers += b.distinct();
            } else if (embeddedH2 && acceptedNow > 0 && acceptedNow < b.distinct() && acceptedNow + duplicatesNow == b.items()) {
                // Embedded H2 can keep some rows of a transaction that a kill -9 cut short (RELIABILITY.md, C4). The
                // batch had no answer, so no sender was told anything; the rows kept are counted once, as the totals
                // below check. Reported, not a violation; on PostgreSQL it would be one.
                resentPartlyStored++;
                acceptedInLostAnswers += b.distinct() - acceptedNow;
            } else {
                violation("a batch re-sent after a lost answer was partly stored: accepted " + acceptedNow
                        + ", duplicates " + duplicatesNow + " of " + b.items() + " items (" + b.distinct() + " distinct)");
            }
            acked(b, acceptedNow, duplicatesNow, true);
        }

        /** Σ accepted in the answers, plus what answers that never arrived had accepted. */
        synchronized long acceptedTotal() {
            return accepted + acceptedInLostAnswers;
        }

        synchronized void violation(String v) {
            if (violations.size() < 20) {
                violations.add(stream.label + ": " + v);
            }
        }

        synchronized List<String> violations() {
            return List.copyOf(violations);
        }
    }

    /** accepted/duplicates of an ingestion answer, or null if the answer is not one. */
    static int[] counts(Services.Answer a) {
        if (a.status() != 200) {
            return null;
        }
        JsonNode n = a.json();
        return new int[] {n.path("accepted").asInt(-1), n.path("duplicates").asInt(-1)};
    }

    /** Fen as a decimal string (two places), for comparing with the services' CNY figures. */
    static String cny(long fen) {
        return fen(fen);
    }

    /**
     * The services' own figures for the run's month and the run's own customers and app, in the order of each
     * stream's figures: tongyi's usage summary by customer, quark's app metrics, billing's ledger summary by customer. Opens are read as the app's exact distinct users first seen
     * (each open of the run has its own user, installs too, so opens = totalUsers - installs).
     */
    static long[] serviceFigures(Services s, Stream stream, Context ctx) {
        switch (stream) {
            case TONGYI_USAGE -> {
                long[] f = new long[3];
                for (JsonNode row : s.read(Services.TONGYI, "/api/v1/usage/summary?period=" + ctx.period() + "&groupBy=customer")
                        .path("rows")) {
                    if (row.path("key").asText().startsWith(ctx.tag() + "-cust-")) {
                        f[0] += row.path("events").asLong();
                        f[1] += row.path("inputTokens").asLong();
                        f[2] += row.path("outputTokens").asLong();
                    }
                }
                return f;
            }
            case QUARK_OPENS, QUARK_INSTALLS -> {
                JsonNode m = s.read(Services.QUARK, "/api/v1/apps/" + ctx.app() + "/metrics?period=" + ctx.period());
                long installs = m.path("installs").asLong();
                return stream == Stream.QUARK_INSTALLS ? new long[] {installs}
                        : new long[] {m.path("totalUsers").asLong() - installs};
            }
            case QUARK_SESSIONS -> {
                JsonNode m = s.read(Services.QUARK, "/api/v1/apps/" + ctx.app() + "/metrics?period=" + ctx.period());
                JsonNode v = m.path("volume");
                JsonNode q = m.path("quality");
                long ratingSum = Math.round(q.path("avgRating").asDouble(0) * q.path("ratedSessions").asLong());
                return new long[] {v.path("aiSessions").asLong(), v.path("turns").asLong(), v.path("agentCalls").asLong(),
                        q.path("resolvedSessions").asLong(), q.path("knownOutcomeSessions").asLong(),
                        q.path("ratedSessions").asLong(), ratingSum, q.path("conversions").asLong(),
                        q.path("conversionValueCny").decimalValue().movePointRight(2).longValueExact()};
            }
            case BILLING_LEDGER -> {
                long[] f = new long[5];
                for (JsonNode row : s.read(Services.BILLING, "/api/v1/ledger/summary?period=" + ctx.period() + "&groupBy=customer")
                        .path("rows")) {
                    if (row.path("key").asText().startsWith(ctx.tag() + "-cust-")) {
                        f[0] += row.path("lines").asLong();
                        f[1] += row.path("amountCny").decimalValue().movePointRight(2).longValueExact();
                        f[2] += row.path("cashCny").decimalValue().movePointRight(2).longValueExact();
                        f[3] += row.path("voucherCny").decimalValue().movePointRight(2).longValueExact();
                        f[4] += row.path("tokens").asLong();
                    }
                }
                return f;
            }
            default -> throw new IllegalArgumentException(stream.name());
        }
    }

    /** The Prometheus stream name of each stream, as the services export {@code kpi_ingest_items_total}. */
    static String counterStream(Stream stream) {
        return switch (stream) {
            case TONGYI_USAGE -> "usage-events";
            case QUARK_OPENS -> "activity-events";
            case QUARK_INSTALLS -> "installs";
            case QUARK_SESSIONS -> "ai-sessions";
            case BILLING_LEDGER -> "ledger-lines";
        };
    }
}
