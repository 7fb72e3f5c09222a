package aikpi.e2e.reliability;

import aikpi.e2e.reliability.Streams.Batch;
import aikpi.e2e.reliability.Streams.Context;
import aikpi.e2e.reliability.Streams.Stream;
import aikpi.e2e.reliability.Streams.Tally;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crash harness (not a test): tongyi-service, quark-service and cloud-billing-service from their jars on their
 * file databases, each fed batches concurrently (tongyi usage events; quark app opens, installs and AI sessions;
 * billing ledger lines), and each killed with {@code kill -9} in the middle of that ingestion, at its own moment.
 * Each is started again on the same port and the same data; every batch that got no answer is sent again, and so
 * are some that were acknowledged (all those acknowledged in the last seconds before the kill, and a quarter of the
 * older ones). The promises checked:
 * <ul>
 *   <li>a batch is atomic: sent again after a lost answer it is either all new or all duplicates;</li>
 *   <li>an acknowledged batch survives the crash: sent again it is all duplicates (none lost);</li>
 *   <li>the services' own figures equal exactly the distinct items acknowledged, every token, turn and fen;
 *       Σ accepted in the answers (plus what lost answers had accepted) equals them too (nothing counted twice);</li>
 *   <li>on disk, after a last normal stop, the raw rows equal the rollups the summaries read (read with the H2
 *       shell of each service's own jar).</li>
 * </ul>
 *
 * <p>{@code mvn -B -q -o -pl e2e-tests test-compile exec:java -Dexec.mainClass=aikpi.e2e.reliability.CrashHarness
 * [-Dreliability.short=true] [-Dreliability.rounds=N]}. Short form: one round. Exits 1 when a promise is broken.
 */
public final class CrashHarness {

    private static final Map<Stream, Integer> BATCH = new EnumMap<>(Map.of(Stream.TONGYI_USAGE, 250,
            Stream.QUARK_OPENS, 100, Stream.QUARK_INSTALLS, 100, Stream.QUARK_SESSIONS, 100, Stream.BILLING_LEDGER, 100));
    private static final List<String> SERVICES = List.of(Services.TONGYI, Services.QUARK, Services.BILLING);

    private CrashHarness() {
    }

    public static void main(String[] args) throws Exception {
        boolean shortForm = Services.shortForm(args);
        boolean pass;
        try (Services s = new Services("crash", Map.of())) {
            System.out.println("CrashHarness " + Stats.now() + (shortForm ? " (short form)" : "") + "; work directory " + s.work());
            s.start(SERVICES.toArray(String[]::new));
            pass = run(s, shortForm);
        }
        System.exit(pass ? 0 : 1);
    }

    /** One batch and what became of it. */
    private static final class Sent {
        final Batch batch;
        volatile boolean acked;
        volatile long ackedAt;

        Sent(Batch batch) {
            this.batch = batch;
        }
    }

    static boolean run(Services s, boolean shortForm) throws Exception {
        int rounds = Integer.getInteger("reliability.rounds", shortForm ? 1 : 3);
        Context ctx = new Context("cr" + Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36), 2025, 4);
        ctx.setUp(s);
        Map<Stream, Tally> tallies = new EnumMap<>(Stream.class);
        Map<Stream, AtomicLong> nextSeq = new EnumMap<>(Stream.class);
        for (Stream st : Stream.values()) {
            Tally t = new Tally(st);
            t.embeddedH2 = s.embeddedH2(st.module);
            tallies.put(st, t);
            nextSeq.put(st, new AtomicLong());
        }
        List<List<String>> roundRows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long lostAcked = 0;
        boolean anyWedged = false;
        List<Long> lostAges = Collections.synchronizedList(new ArrayList<>());

        for (int round = 1; round <= rounds; round++) {
            Map<String, Boolean> killed = new ConcurrentHashMap<>();
            Map<Stream, List<Sent>> sent = new EnumMap<>(Stream.class);
            for (Stream st : Stream.values()) {
                sent.put(st, Collections.synchronizedList(new ArrayList<>()));
            }
            List<Thread> senders = new ArrayList<>();
            for (Stream st : Stream.values()) {
                for (int t = 0; t < (st == Stream.TONGYI_USAGE || st == Stream.BILLING_LEDGER ? 2 : 1); t++) {
                    senders.add(Services.thread("crash-" + st + "-" + t, () -> {
                        while (!killed.containsKey(st.module)) {
                            int size = BATCH.get(st);
                            int repeats = ThreadLocalRandom.current().nextDouble() < 0.05 ? 1 : 0;
                            Sent one = new Sent(Streams.batch(st, ctx, nextSeq.get(st).getAndAdd(size), size, repeats));
                            sent.get(st).add(one);
                            int[] c = Streams.counts(s.postJson(st.module, st.path, one.batch.body()));
                            if (c != null) {
                                one.acked = true;
                                one.ackedAt = System.nanoTime();
                                tallies.get(st).acked(one.batch, c[0], c[1], true);
                                if (c[0] != one.batch.distinct()) {
                                    tallies.get(st).violation("a new batch answered accepted " + c[0] + " of " + one.batch.distinct());
                                }
                            } else if (!killed.containsKey(st.module)) {
                                sleep(200); // not the crash: it is sent again after the restart like the others
                            }
                        }
                    }));
                }
            }
            // Each service dies at its own moment, in the middle of its ingestion.
            long t0 = System.nanoTime();
            Map<String, Long> killAt = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(SERVICES);
            Collections.shuffle(order);
            double first = shortForm ? 2.5 : 3 + 2 * ThreadLocalRandom.current().nextDouble();
            for (int i = 0; i < order.size(); i++) {
                double at = first + i * (0.4 + ThreadLocalRandom.current().nextDouble() * 0.6);
                sleep(Math.max(0, (long) (at * 1000) - (System.nanoTime() - t0) / 1_000_000));
                String m = order.get(i);
                s.kill9(m);
                killed.put(m, true);
                killAt.put(m, System.nanoTime());
            }
            for (Thread t : senders) {
                t.join();
            }
            // Started again on the same data, all three at once.
            Map<String, Long> restartMs = new ConcurrentHashMap<>();
            List<Thread> restarts = new ArrayList<>();
            for (String m : SERVICES) {
                restarts.add(Services.thread("restart-" + m, () -> {
                    try {
                        restartMs.put(m, s.restart(m));
                    } catch (Exception e) {
                        throw new IllegalStateException(m + " did not start again after kill -9", e);
                    }
                }));
            }
            for (Thread t : restarts) {
                t.join();
            }
            for (String m : SERVICES) {
                if (!restartMs.containsKey(m)) {
                    System.out.println("FAIL CrashHarness: " + m + " did not start again on its data after kill -9; see "
                            + s.work().resolve("logs"));
                    return false;
                }
            }
            // Every unanswered batch again, and some answered ones. A service that takes no batch at all within
            // two minutes of its restart is wedged: reported, and not sent more.
            Map<String, String> wedged = new LinkedHashMap<>();
            Map<String, Long> deadlines = new LinkedHashMap<>();
            for (Stream st : Stream.values()) {
                long resendDeadline = deadlines.computeIfAbsent(st.module,
                        m -> System.nanoTime() + Long.getLong("reliability.resendSeconds", 120) * 1_000_000_000L);
                Tally t = tallies.get(st);
                long unacked = 0;
                long reAcked = 0;
                long lostHere = 0;
                long notStoredBefore = t.resentNotStored;
                long storedBefore = t.resentAlreadyStored;
                long partlyBefore = t.resentPartlyStored;
                List<Sent> list;
                synchronized (sent.get(st)) {
                    list = new ArrayList<>(sent.get(st));
                }
                long kill = killAt.get(st.module);
                String[] last = {null};
                for (Sent one : list) {
                    if (wedged.containsKey(st.module)) {
                        unacked += one.acked ? 0 : 1;
                        continue;
                    }
                    if (!one.acked) {
                        unacked++;
                        int[] c = sendUntilAnswered(s, one.batch, resendDeadline, last);
                        if (c == null) {
                            wedged.put(st.module, last[0]);
                            t.violation(st.module + " took no batch within " + Long.getLong("reliability.resendSeconds", 120)
                                    + " s of its restart; last answer: " + last[0]);
                            continue;
                        }
                        t.resolved(one.batch, c[0], c[1]);
                    } else if (kill - one.ackedAt < 2_000_000_000L || ThreadLocalRandom.current().nextInt(4) == 0) {
                        reAcked++;
                        int[] c = sendUntilAnswered(s, one.batch, resendDeadline, last);
                        if (c == null) {
                            wedged.put(st.module, last[0]);
                            t.violation(st.module + " took no batch within " + Long.getLong("reliability.resendSeconds", 120)
                                    + " s of its restart; last answer: " + last[0]);
                            continue;
                        }
                        if (c[0] != 0) {
                            lostHere += c[0];
                            lostAges.add((kill - one.ackedAt) / 1_000_000);
                            t.violation("an acknowledged batch was lost in the crash: sent again, " + c[0] + " of its "
                                    + one.batch.distinct() + " items were accepted as new");
                        }
                        t.acked(one.batch, c[0], c[1], false);
                    }
                }
                lostAcked += lostHere;
                if (wedged.containsKey(st.module)) {
                    anyWedged = true;
                }
                roundRows.add(List.of(String.valueOf(round), st.label + (wedged.containsKey(st.module) ? " (WEDGED)" : ""),
                        String.valueOf(list.size()),
                        String.valueOf(list.size() - unacked), String.valueOf(unacked),
                        (t.resentNotStored - notStoredBefore) + "/" + (t.resentAlreadyStored - storedBefore) + "/"
                                + (t.resentPartlyStored - partlyBefore),
                        String.valueOf(reAcked), String.valueOf(lostHere), restartMs.get(st.module) + " ms"));
            }
        }

        if (anyWedged) {
            System.out.println("A service took no more batches after its restart (see WEDGED above and its log in "
                    + s.work().resolve("logs") + ").");
        }
        // The services' own figures against the books.
        boolean pass = true;
        List<List<String>> rows = new ArrayList<>();
        for (Stream st : Stream.values()) {
            Tally t = tallies.get(st);
            long[] service;
            try {
                service = Streams.serviceFigures(s, st, ctx);
            } catch (RuntimeException e) {
                pass = false;
                rows.add(List.of(st.label, String.valueOf(t.distinctAcked), String.valueOf(t.acceptedTotal()), "-",
                        "could not be read: " + Services.abbreviate(e.getMessage(), 120), "FAIL"));
                continue;
            }
            boolean same = true;
            List<String> diffs = new ArrayList<>();
            for (int i = 0; i < service.length; i++) {
                if (service[i] != t.sums[i]) {
                    same = false;
                    diffs.add(st.figures.get(i) + " " + service[i] + " != " + t.sums[i]);
                }
            }
            boolean ok = same && t.acceptedTotal() == t.distinctAcked && t.violations().isEmpty();
            pass &= ok;
            rows.add(List.of(st.label, String.valueOf(t.distinctAcked), String.valueOf(t.acceptedTotal()),
                    String.valueOf(service[0]), same ? "all equal" : String.join("; ", diffs), ok ? "OK" : "FAIL"));
            if (!ok) {
                failures.addAll(t.violations());
                failures.add(st.label + ": acknowledged " + t.distinctAcked + " distinct, Σaccepted " + t.acceptedTotal()
                        + ", service " + service[0] + (same ? "" : " (" + String.join("; ", diffs) + ")"));
            }
        }

        // A ledger grown large by FOCUS imports, then kill -9 and a start in the launcher's heap.
        try {
            pass &= largeLedgerRound(s, shortForm);
        } catch (Exception e) {
            System.out.println("FAIL large-ledger round: " + e);
            pass = false;
        }

        // On disk, after a normal stop: raw rows = rollups = what the summaries said.
        for (String m : SERVICES) {
            s.stop(m);
        }
        String tag = ctx.tag();
        List<List<String>> disk = new ArrayList<>();
        try {
        List<String> tongyi = s.h2Query(Services.TONGYI, "SELECT (SELECT COUNT(*) FROM usage_event WHERE model_id = '" + ctx.model()
                + "'), (SELECT SUM(events) FROM usage_daily WHERE model_id = '" + ctx.model() + "'), (SELECT SUM(events)"
                + " FROM usage_monthly WHERE model_id = '" + ctx.model() + "')");
        String app = ctx.app();
        List<String> quark = s.h2Query(Services.QUARK, "SELECT (SELECT COUNT(*) FROM activity_event WHERE app_id = '" + app
                + "'), (SELECT COUNT(*) FROM install_event WHERE app_id = '" + app + "'), (SELECT SUM(installs) FROM"
                + " install_daily WHERE app_id = '" + app + "'), (SELECT COUNT(*) FROM ai_session WHERE app_id = '" + app
                + "'), (SELECT SUM(sessions) FROM feature_daily WHERE app_id = '" + app + "'), (SELECT SUM(new_users) FROM"
                + " first_seen_daily WHERE scope = 'app:" + app + "'), (SELECT COUNT(*) FROM first_seen WHERE scope = 'app:"
                + app + "')");
        // The rows counted twice over: through the primary key (the prefix range) and by a scan of the table itself
        // (USE INDEX () makes H2 scan), so that a crash leaving the two out of step is seen, and the rollup beside them.
        List<String> billing = s.h2Query(Services.BILLING, "SELECT (SELECT COUNT(*) FROM ledger_line WHERE line_id LIKE '" + tag
                + "-%'), (SELECT COUNT(*) FROM ledger_line USE INDEX () WHERE line_id LIKE '" + tag + "-%'), (SELECT SUM(line_count)"
                + " FROM ledger_daily WHERE customer_id LIKE '" + tag + "-cust-%')");
        long usage = tallies.get(Stream.TONGYI_USAGE).distinctAcked;
        long opens = tallies.get(Stream.QUARK_OPENS).distinctAcked;
        long installs = tallies.get(Stream.QUARK_INSTALLS).distinctAcked;
        long sessions = tallies.get(Stream.QUARK_SESSIONS).distinctAcked;
        long lines = tallies.get(Stream.BILLING_LEDGER).distinctAcked;
        pass &= diskRow(disk, "tongyi usage_event rows", tongyi.get(0), usage);
        pass &= diskRow(disk, "tongyi usage_daily Σevents", tongyi.get(1), usage);
        pass &= diskRow(disk, "tongyi usage_monthly Σevents", tongyi.get(2), usage);
        pass &= diskRow(disk, "quark activity_event rows", quark.get(0), opens);
        pass &= diskRow(disk, "quark install_event rows", quark.get(1), installs);
        pass &= diskRow(disk, "quark install_daily Σinstalls", quark.get(2), installs);
        pass &= diskRow(disk, "quark ai_session rows", quark.get(3), sessions);
        pass &= diskRow(disk, "quark feature_daily Σsessions", quark.get(4), sessions);
        pass &= diskRow(disk, "quark first_seen_daily Σnew_users (app)", quark.get(5), opens + installs);
        pass &= diskRow(disk, "quark first_seen rows (app)", quark.get(6), opens + installs);
        pass &= diskRow(disk, "billing ledger_line rows", billing.get(0), lines);
        pass &= diskRow(disk, "billing ledger_line rows (table scan)", billing.get(1), lines);
        pass &= diskRow(disk, "billing ledger_daily Σlines", billing.get(2), lines);
        } catch (Exception e) {
            System.out.println("FAILED reading the databases after the stop: " + e.getMessage());
            pass = false;
        }

        System.out.printf("%nCrash: %d round(s) of kill -9 during ingestion, run %s, month %s%n", rounds, tag, ctx.period());
        System.out.print(Stats.table(List.of("round", "stream", "batches", "acknowledged", "no answer",
                "re-sent: new/already stored/partly (H2)", "acknowledged re-sent", "acknowledged lost", "restart"), roundRows));
        System.out.println("\nAfter the crashes: the services' figures vs the distinct items acknowledged");
        System.out.print(Stats.table(List.of("stream", "acknowledged", "Σaccepted", "service count", "all figures", "result"), rows));
        System.out.println("\nOn disk after a normal stop (H2 shell of each service's jar)");
        System.out.print(Stats.table(List.of("what", "on disk", "expected", "result"), disk));
        if (lostAcked > 0) {
            Collections.sort(lostAges);
            System.out.println("\n" + lostAcked + " acknowledged items were lost by kill -9 (found by sending their batches "
                    + "again); their batches had been acknowledged " + lostAges + " ms before the kill. Configuration: "
                    + (s.env().isEmpty() ? "defaults" : s.env()));
        }
        long partly = tallies.values().stream().mapToLong(t -> t.resentPartlyStored).sum();
        if (partly > 0) {
            System.out.println("\n" + partly + " unanswered batch(es) were found partly stored when sent again: embedded H2 kept "
                    + "some rows of a transaction that kill -9 cut short (docs/RELIABILITY.md, C4). No sender had an answer; "
                    + "the totals above count each of their items once.");
        }
        failures.forEach(f -> System.out.println("  FAILED " + f));
        pass &= lostAcked == 0 && !anyWedged;
        System.out.println((pass ? "PASS" : "FAIL") + " CrashHarness: after kill -9 and restart, every acknowledged item "
                + "is there exactly once, acknowledged batches are whole, rollups match raw rows");
        return pass;
    }

    /** FOCUS 1.x columns of the large round's daily exports. */
    private static final String FOCUS_HEADER = "BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,"
            + "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,BilledCost,"
            + "EffectiveCost,ListCost,ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,ServiceCategory,"
            + "ServiceName,ProviderName,RegionId,SkuId,Tags,x_DataSource";
    private static final String[][] FOCUS_SERVICES = {{"AI and Machine Learning", "Model Studio", "1M Tokens"},
        {"AI and Machine Learning", "PAI-EAS", "Hours"}, {"Compute", "ECS", "Hours"}};

    /**
     * The large-ledger round: billing's ledger grown by daily FOCUS exports (full form: three of about 200,000 lines,
     * each line its own row of the daily rollup, as the probe that ran the recut out of heap did; short form: one of
     * 18,000), then {@code kill -9}, and a start with the launcher's flags ({@code bin/start-service.sh}: its 192 MB
     * heap). It must become healthy, recut in that heap, and answer the totals it answered before the kill.
     */
    static boolean largeLedgerRound(Services s, boolean shortForm) throws Exception {
        int files = shortForm ? 1 : 3;
        int accounts = shortForm ? 200 : 2_250; // x 30 days x 3 services = lines per file
        String tag = "ll" + Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);
        List<String> flags = s.useLauncherFlags(Services.BILLING);
        long lines = 0;
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        long importMs = 0;
        for (int f = 0; f < files; f++) {
            java.time.LocalDate month = java.time.LocalDate.of(2021, 7 + f, 1);
            StringBuilder csv = new StringBuilder(accounts * 90 * 330).append(FOCUS_HEADER).append('\n');
            String periodStart = month + "T00:00:00Z";
            String periodEnd = month.plusMonths(1) + "T00:00:00Z";
            for (int a = 0; a < accounts; a++) {
                String account = tag + "-acct-" + a;
                for (int day = 0; day < 30; day++) {
                    String start = month.plusDays(day) + "T00:00:00Z";
                    String end = month.plusDays(day + 1) + "T00:00:00Z";
                    for (int k = 0; k < FOCUS_SERVICES.length; k++) {
                        long fen = 1 + Math.floorMod((a * 31L + day * 7L + k) * 2654435761L + f, 500_000L);
                        String cost = Streams.fen(fen);
                        total = total.add(new java.math.BigDecimal(cost));
                        csv.append(account).append(',').append(account).append(",CNY,").append(periodStart).append(',')
                                .append(periodEnd).append(',').append(start).append(',').append(end)
                                .append(",Usage,,synthetic crash-harness row,").append(cost).append(',').append(cost)
                                .append(',').append(cost).append(",1,").append(FOCUS_SERVICES[k][2]).append(",1,")
                                .append(FOCUS_SERVICES[k][2]).append(',').append(FOCUS_SERVICES[k][0]).append(',')
                                .append(FOCUS_SERVICES[k][1]).append(",Alibaba Cloud,cn-hangzhou,sku-").append(k)
                                .append(",,synthetic crash-harness row\n");
                    }
                }
            }
            long t0 = System.nanoTime();
            Services.Answer a = s.send("POST", Services.BILLING, "/api/v1/ledger/imports",
                    csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv", true,
                    java.time.Duration.ofMinutes(15), false);
            importMs += (System.nanoTime() - t0) / 1_000_000;
            if (a.status() != 201) {
                System.out.println("FAIL large-ledger round: the FOCUS import of " + month + " answered " + a.summary());
                return false;
            }
            lines += a.json().path("lines").asLong();
        }
        // The quarter holds only this round's lines: its total, read with time to spare on a busy machine.
        String summary = "/api/v1/ledger/summary?period=2021-Q3";
        long[] before;
        try {
            before = ledgerTotals(s, summary);
        } catch (RuntimeException e) {
            System.out.println("FAIL large-ledger round: the summary before the kill: " + e.getMessage());
            return false;
        }
        s.kill9(Services.BILLING);
        long restartMs;
        try {
            restartMs = s.restart(Services.BILLING, java.time.Duration.ofMinutes(shortForm ? 5 : 15));
        } catch (Exception e) {
            System.out.println("FAIL large-ledger round: billing did not start again with " + flags + " after kill -9 on a"
                    + " ledger of " + lines + " imported lines: " + e.getMessage());
            return false;
        }
        long[] after;
        try {
            after = ledgerTotals(s, summary);
        } catch (RuntimeException e) {
            System.out.println("FAIL large-ledger round: the summary after the restart: " + e.getMessage());
            return false;
        }
        long expectedFen = total.movePointRight(2).longValueExact();
        boolean ok = before[0] == lines && after[0] == lines && before[1] == expectedFen && after[1] == expectedFen;
        System.out.printf("%nLarge ledger: %d FOCUS import(s), %,d lines (each its own rollup row) in %,d ms; kill -9; start"
                        + " with %s healthy after %,d ms%n", files, lines, importMs, flags, restartMs);
        System.out.print(Stats.table(List.of("what", "lines", "amount (fen)", "result"), List.of(
                List.of("imported (the files)", String.valueOf(lines), String.valueOf(expectedFen), ""),
                List.of("summary before the kill", String.valueOf(before[0]), String.valueOf(before[1]),
                        before[0] == lines && before[1] == expectedFen ? "OK" : "FAIL"),
                List.of("summary after the restart", String.valueOf(after[0]), String.valueOf(after[1]),
                        after[0] == lines && after[1] == expectedFen ? "OK" : "FAIL"))));
        return ok;
    }

    /** Lines and amount (fen) of a ledger summary. */
    private static long[] ledgerTotals(Services s, String path) {
        Services.Answer a = s.send("GET", Services.BILLING, path, null, null, true, java.time.Duration.ofMinutes(5), false);
        if (a.status() != 200) {
            throw new IllegalStateException(a.summary());
        }
        long[] t = new long[2];
        for (com.fasterxml.jackson.databind.JsonNode row : a.json().path("rows")) {
            t[0] += row.path("lines").asLong();
            t[1] += row.path("amountCny").decimalValue().movePointRight(2).longValueExact();
        }
        return t;
    }

    private static boolean diskRow(List<List<String>> rows, String what, String onDisk, long expected) {
        boolean ok = String.valueOf(expected).equals(onDisk);
        rows.add(List.of(what, onDisk, String.valueOf(expected), ok ? "OK" : "FAIL"));
        return ok;
    }

    /** Sends a batch until it is answered; null (and {@code last[0]} the last answer) when the deadline passes first. */
    private static int[] sendUntilAnswered(Services s, Batch b, long deadline, String[] last) {
        while (System.nanoTime() < deadline) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Services.Answer a = s.send("POST", b.stream().module, b.stream().path, b.body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "application/json", true, java.time.Duration.ofMillis(Math.min(40_000, left)), false);
            int[] c = Streams.counts(a);
            if (c != null) {
                return c;
            }
            last[0] = a.summary();
            sleep(500);
        }
        return null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
