package aikpi.e2e.reliability;

import static org.awaitility.Awaitility.await;

import aikpi.e2e.reliability.Services.Answer;
import aikpi.e2e.reliability.Streams.Batch;
import aikpi.e2e.reliability.Streams.Context;
import aikpi.e2e.reliability.Streams.Stream;
import aikpi.e2e.reliability.Streams.Tally;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness (not a test): the four services from their jars on loopback, the ingestion APIs of the three storing
 * services driven concurrently for a bounded time (tongyi usage events; quark app opens, installs and AI sessions;
 * billing ledger lines — batch POSTs with client-chosen ids, some batches sent again at once, some later, some with
 * an id repeated inside the batch) while the gateway's executive view is read over and over. Then the books are
 * reconciled: for every stream, accepted + duplicates in the answers = items sent; Σ accepted = distinct items
 * acknowledged = what the service's own figures count (tongyi's usage summary, quark's app metrics, billing's ledger
 * summary, with every token, turn and fen) = its Prometheus counter; a re-sent batch is never accepted again.
 *
 * <p>{@code mvn -B -q -o -pl e2e-tests test-compile exec:java -Dexec.mainClass=aikpi.e2e.reliability.LoadHarness
 * [-Dreliability.short=true] [-Dreliability.seconds=N]}. Short form: 15 s of load. Exits 1 when a promise is broken.
 */
public final class LoadHarness {

    private static final Map<Stream, Integer> THREADS = new EnumMap<>(Map.of(Stream.TONGYI_USAGE, 2,
            Stream.QUARK_OPENS, 1, Stream.QUARK_INSTALLS, 1, Stream.QUARK_SESSIONS, 1, Stream.BILLING_LEDGER, 2));
    private static final Map<Stream, Integer> BATCH = new EnumMap<>(Map.of(Stream.TONGYI_USAGE, 500,
            Stream.QUARK_OPENS, 500, Stream.QUARK_INSTALLS, 200, Stream.QUARK_SESSIONS, 250, Stream.BILLING_LEDGER, 200));
    private static final String VIEW = "/api/v1/executive/ai-conversion?period=2025-Q1";

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        boolean shortForm = Services.shortForm(args);
        boolean pass;
        try (Services s = new Services("load", Map.of("GATEWAY_CACHE_TTL", System.getProperty("reliability.gatewayCacheTtl", "0s")))) {
            System.out.println("LoadHarness " + Stats.now() + (shortForm ? " (short form)" : "") + "; work directory " + s.work());
            s.start(Services.ALL.toArray(String[]::new));
            pass = run(s, shortForm);
        }
        System.exit(pass ? 0 : 1);
    }

    static boolean run(Services s, boolean shortForm) throws Exception {
        int seconds = Integer.getInteger("reliability.seconds", shortForm ? 15 : 120);
        Context ctx = new Context("ld" + Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36), 2025, 2);
        ctx.setUp(s);
        for (String m : Services.ALL) {
            s.bearer(m);
        }
        Map<Stream, Tally> tallies = new EnumMap<>(Stream.class);
        Map<Stream, Stats> latency = new EnumMap<>(Stream.class);
        Map<Stream, AtomicLong> nextSeq = new EnumMap<>(Stream.class);
        Map<Stream, AtomicLong> resends = new EnumMap<>(Stream.class);
        for (Stream st : Stream.values()) {
            tallies.put(st, new Tally(st));
            latency.put(st, new Stats("POST " + st.path));
            nextSeq.put(st, new AtomicLong());
            resends.put(st, new AtomicLong());
        }
        // The services' ingestion counters count since their start: the run is judged on what it adds to them.
        Map<Stream, long[]> countersBefore = new EnumMap<>(Stream.class);
        for (Stream st : Stream.values()) {
            countersBefore.put(st, new long[] {s.ingestCounter(st.module, Streams.counterStream(st), "accepted"),
                s.ingestCounter(st.module, Streams.counterStream(st), "duplicate")});
        }
        Stats gateway = new Stats("GET " + VIEW);
        AtomicLong incomplete = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstIncomplete = new java.util.concurrent.atomic.AtomicReference<>();
        Map<String, AtomicLong> sourceStatuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Batch> unanswered = new ConcurrentLinkedQueue<>();

        System.out.printf("Driving %d s of load on %s (month %s): %s; gateway view %s%n", seconds, ctx.tag(), ctx.period(),
                THREADS, VIEW);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Stream st : Stream.values()) {
            for (int t = 0; t < THREADS.get(st); t++) {
                threads.add(Services.thread("load-" + st + "-" + t, () -> {
                    List<Batch> sentBefore = new ArrayList<>();
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        int size = BATCH.get(st);
                        int repeats = rnd.nextDouble() < 0.05 ? 1 + rnd.nextInt(3) : 0;
                        Batch b = Streams.batch(st, ctx, nextSeq.get(st).getAndAdd(size), size, repeats);
                        Answer a = send(s, b, latency.get(st), errors);
                        int[] c = Streams.counts(a);
                        if (c == null) {
                            unanswered.add(b);
                            continue;
                        }
                        if (c[0] != b.distinct() || c[1] != b.items() - b.distinct()) {
                            tallies.get(st).violation("a new batch of " + b.items() + " items (" + b.distinct()
                                    + " distinct) answered accepted " + c[0] + ", duplicates " + c[1]);
                        }
                        tallies.get(st).acked(b, c[0], c[1], true);
                        if (sentBefore.size() < 20) {
                            sentBefore.add(b);
                        } else {
                            sentBefore.set(rnd.nextInt(20), b);
                        }
                        // some batches again: at once (a client retry) or one sent a while ago
                        double r = rnd.nextDouble();
                        Batch again = r < 0.08 ? b : r < 0.12 ? sentBefore.get(rnd.nextInt(sentBefore.size())) : null;
                        if (again != null) {
                            Answer a2 = send(s, again, latency.get(st), errors);
                            int[] c2 = Streams.counts(a2);
                            if (c2 == null) {
                                continue; // already acknowledged once; nothing to reconcile
                            }
                            resends.get(st).incrementAndGet();
                            if (c2[0] != 0) {
                                tallies.get(st).violation("a re-sent batch of " + again.items() + " items was accepted again: "
                                        + "accepted " + c2[0] + ", duplicates " + c2[1]);
                            }
                            tallies.get(st).acked(again, c2[0], c2[1], false);
                        }
                    }
                }));
            }
        }
        Thread reader = Services.thread("load-gateway", () -> {
            while (System.nanoTime() < end) {
                Answer a = s.get(Services.GATEWAY, VIEW);
                if (a.status() != 200) {
                    gateway.error();
                    errors.add("gateway " + a.summary());
                    continue;
                }
                gateway.add(a.millis());
                JsonNode v = a.json();
                if (!v.path("complete").asBoolean() && incomplete.getAndIncrement() == 0) {
                    firstIncomplete.set(v.path("sources").toString());
                }
                v.path("sources").fields().forEachRemaining(e -> sourceStatuses
                        .computeIfAbsent(e.getKey() + "=" + e.getValue().path("status").asText(), k -> new AtomicLong())
                        .incrementAndGet());
            }
        });
        // What the gateway asks its sources, asked directly under the same load (one call at a time, round robin).
        List<String[]> probes = List.of(new String[] {Services.TONGYI, "/api/v1/kpis?period=2025-Q1"},
                new String[] {Services.QUARK, "/api/v1/kpis?period=2025-Q1"},
                new String[] {Services.BILLING, "/api/v1/attribution?period=2025-Q1"},
                new String[] {Services.TONGYI, "/api/v1/usage/summary?period=2025-Q1"});
        Map<String, Stats> probeStats = new java.util.LinkedHashMap<>();
        for (String[] p : probes) {
            probeStats.put(p[0] + " " + p[1], new Stats(p[0] + " " + p[1]));
        }
        Thread prober = Services.thread("load-probe", () -> {
            while (System.nanoTime() < end) {
                for (String[] p : probes) {
                    Answer a = s.get(p[0], p[1]);
                    Stats st = probeStats.get(p[0] + " " + p[1]);
                    if (a.status() == 200) {
                        st.add(a.millis());
                    } else {
                        st.error();
                        errors.add("probe " + p[0] + p[1] + " " + a.summary());
                    }
                }
            }
        });
        for (Thread t : threads) {
            t.join();
        }
        reader.join();
        prober.join();
        double elapsed = (System.nanoTime() - start) / 1e9;

        // Batches whose answer never came: send them again until answered; the answer tells whether they had been stored.
        // Bounded by the count: 21 sends at most, half a second apart.
        for (Batch b : unanswered) {
            AtomicInteger failed = new AtomicInteger();
            await().forever().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                int[] c = Streams.counts(s.postJson(b.stream().module, b.stream().path, b.body()));
                if (c != null) {
                    tallies.get(b.stream()).resolved(b, c[0], c[1]);
                    return true;
                }
                if (failed.incrementAndGet() > 20) {
                    tallies.get(b.stream()).violation("a batch could not be sent in 20 attempts");
                    return true;
                }
                return false;
            });
        }

        boolean pass = true;
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> figures = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Stream st : Stream.values()) {
            Tally t = tallies.get(st);
            Stats l = latency.get(st);
            long[] service = Streams.serviceFigures(s, st, ctx);
            String counter = Streams.counterStream(st);
            long promAccepted = s.ingestCounter(st.module, counter, "accepted") - countersBefore.get(st)[0];
            long promDuplicates = s.ingestCounter(st.module, counter, "duplicate") - countersBefore.get(st)[1];
            boolean figuresMatch = true;
            for (int i = 0; i < t.sums.length; i++) {
                boolean same = service[i] == t.sums[i];
                figuresMatch &= same;
                figures.add(List.of(st.label, st.figures.get(i), String.valueOf(t.sums[i]), String.valueOf(service[i]),
                        same ? "=" : "MISMATCH"));
            }
            boolean ok = figuresMatch && t.acceptedTotal() == t.distinctAcked && t.distinctAcked == service[0]
                    && promAccepted == t.acceptedTotal() && promDuplicates == t.duplicates && t.violations().isEmpty()
                    && l.errors() == 0;
            if (!ok) {
                failures.add(st.label + ": sent/acknowledged " + t.distinctAcked + " distinct, Σaccepted " + t.acceptedTotal()
                        + ", service counts " + service[0] + ", Prometheus accepted " + promAccepted + " duplicate "
                        + promDuplicates + " (answers: " + t.duplicates + "), errors " + l.errors());
                failures.addAll(t.violations());
            }
            pass &= ok;
            rows.add(List.of(st.label, String.valueOf(t.requestsAcked), String.valueOf(resends.get(st).get()),
                    String.valueOf(t.itemsAcked), String.valueOf(t.accepted), String.valueOf(t.duplicates),
                    String.valueOf(service[0]), promAccepted + "/" + promDuplicates,
                    Stats.f0(t.accepted / elapsed) + "/s", Stats.f1(l.percentile(50)), Stats.f1(l.percentile(99)),
                    Stats.f1(l.max()), String.valueOf(l.errors()), ok ? "OK" : "FAIL"));
        }
        rows.add(List.of("gateway executive view", String.valueOf(gateway.count()), "-", "-", "-", "-", "-", "-",
                Stats.f1(gateway.count() / elapsed) + "/s", Stats.f1(gateway.percentile(50)),
                Stats.f1(gateway.percentile(99)), Stats.f1(gateway.max()), String.valueOf(gateway.errors()),
                gateway.errors() == 0 ? "OK" : "FAIL"));
        pass &= gateway.errors() == 0 && gateway.count() > 0;

        System.out.printf("%nLoad: %.1f s on loopback, run %s, month %s%n", elapsed, ctx.tag(), ctx.period());
        System.out.print(Stats.table(List.of("stream", "requests", "re-sent", "items sent", "accepted", "duplicates",
                "service count", "prometheus acc/dup", "accepted/s", "p50 ms", "p99 ms", "max ms", "errors", "result"), rows));
        System.out.println("\nReconciliation: the client's books (distinct items acknowledged) vs the services' own figures");
        System.out.print(Stats.table(List.of("stream", "figure", "sent", "service", ""), figures));
        JsonNode metrics = s.read(Services.QUARK, "/api/v1/apps/" + ctx.app() + "/metrics?period=" + ctx.period());
        long opens = tallies.get(Stream.QUARK_OPENS).distinctAcked;
        System.out.printf("quark activeUsers (HLL estimate) %d for %d users who opened the app (%+.2f%%)%n",
                metrics.path("activeUsers").asLong(), opens, 100.0 * (metrics.path("activeUsers").asLong() - opens) / Math.max(1, opens));
        System.out.println("\nThe gateway's sources read directly under the same load (GATEWAY_SOURCE_TIMEOUT is 2 s by default), "
                + "and again after it, on the same data, quiet (5 calls each):");
        List<List<String>> probeRows = new ArrayList<>();
        for (String[] p : probes) {
            Stats st = probeStats.get(p[0] + " " + p[1]);
            Stats quiet = new Stats("quiet");
            for (int i = 0; i < 5; i++) {
                Answer a = s.get(p[0], p[1]);
                if (a.status() == 200) {
                    quiet.add(a.millis());
                }
            }
            probeRows.add(List.of(st.name(), String.valueOf(st.count()), Stats.f1(st.percentile(50)),
                    Stats.f1(st.percentile(99)), Stats.f1(st.max()), String.valueOf(st.errors()),
                    Stats.f1(quiet.percentile(50)), Stats.f1(quiet.max())));
        }
        System.out.print(Stats.table(List.of("call", "answers", "p50 ms", "p99 ms", "max ms", "errors", "quiet p50 ms",
                "quiet max ms"), probeRows));
        System.out.printf("gateway: %d answers, %d incomplete (complete=false); source statuses seen %s%n", gateway.count(),
                incomplete.get(), new TreeMap<>(sourceStatuses));
        if (firstIncomplete.get() != null) {
            System.out.println("first incomplete answer's sources: " + firstIncomplete.get());
        }
        for (Stats st : probeStats.values()) {
            pass &= st.errors() == 0;
        }
        if (!errors.isEmpty()) {
            System.out.println("errors (first 10):");
            errors.stream().limit(10).forEach(e -> System.out.println("  " + e));
        }
        failures.forEach(f -> System.out.println("  FAILED " + f));
        System.out.println((pass ? "PASS" : "FAIL") + " LoadHarness: every acknowledged item counted exactly once by its "
                + "service, re-sent batches never counted again, no errors");
        return pass;
    }

    private static Answer send(Services s, Batch b, Stats latency, ConcurrentLinkedQueue<String> errors) {
        Answer a = s.postJson(b.stream().module, b.stream().path, b.body());
        if (a.status() == 200) {
            latency.add(a.millis());
        } else {
            latency.error();
            if (errors.size() < 50) {
                errors.add(b.stream().label + " " + a.summary());
            }
        }
        return a;
    }
}
