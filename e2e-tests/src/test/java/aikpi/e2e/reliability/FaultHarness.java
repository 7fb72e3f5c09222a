package aikpi.e2e.reliability;

import static org.awaitility.Awaitility.await;

import aikpi.e2e.reliability.Services.Answer;
import aikpi.e2e.reliability.Streams.Context;
import aikpi.e2e.reliability.Streams.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Fault harness (not a test): the gateway's executive view read without pause by several clients while its sources
 * fail under it, one, then two, then all three, and come back. With small resilience settings given through the
 * environment ({@code GATEWAY_CIRCUIT_RESET}, {@code GATEWAY_CACHE_TTL}, {@code GATEWAY_CACHE_MAX_STALE}; the source
 * timeout {@code GATEWAY_SOURCE_TIMEOUT} kept at its default of 2 s), the phases are:
 * <ol>
 *   <li>all up: every answer complete, every source OK;</li>
 *   <li>tongyi killed ({@code kill -9}: connections refused): tongyi UNAVAILABLE (or TIMEOUT), {@code complete:false},
 *       the others OK;</li>
 *   <li>quark frozen as well ({@code kill -STOP}: connections accepted, nothing answers): quark TIMEOUT (or
 *       UNAVAILABLE once its circuit is open), billing still OK;</li>
 *   <li>billing frozen too: no source gives anything, the answer is 503 problem+json;</li>
 *   <li>all restored (tongyi started again on its data, the others continued): all OK again within the circuit
 *       reset + cache TTL + source timeout of the moment the last one was back;</li>
 *   <li>tongyi frozen alone: tongyi TIMEOUT; how billing fares, whose attribution asks tongyi for metered tokens
 *       with its own read timeout ({@code TONGYI_READ_TIMEOUT}, 2 s), is reported (a cascade, not a pass
 *       condition);</li>
 *   <li>tongyi continued: all OK again.</li>
 * </ol>
 * In every phase every answer must come within the source timeout plus a margin ({@code -Dreliability.marginMs},
 * 1000 ms). A source that just failed may be served from its last good answer (STALE) for up to the cache's
 * max-stale, so each phase's expectations apply after a grace of TTL + max-stale + timeout + 0.5 s.
 *
 * <p>{@code mvn -B -q -o -pl e2e-tests test-compile exec:java -Dexec.mainClass=aikpi.e2e.reliability.FaultHarness
 * [-Dreliability.short=true]}. Exits 1 when a promise is broken.
 */
public final class FaultHarness {

    private static final String VIEW = "/api/v1/executive/ai-conversion?period=2025-Q1";
    private static final String T = "tongyi-service";
    private static final String Q = "quark-service";
    private static final String B = "cloud-billing-service";
    private static final Set<String> DOWN = Set.of("UNAVAILABLE", "TIMEOUT");

    private FaultHarness() {
    }

    /** One answer of the view: when it was asked, how long it took, and what it said about each source. */
    private record Obs(String phase, long startNanos, double millis, int status, boolean problem, Boolean complete,
                       Map<String, String> sources, Map<String, String> details) {
    }

    /** A phase: its name, when it began, and what every answer after the grace must look like (null: fine). */
    private static final class Phase {
        final String name;
        final BiFunction<Obs, Boolean, String> expectation;
        volatile long startNanos;
        volatile long endNanos = Long.MAX_VALUE;
        volatile long graceNanos;

        Phase(String name, BiFunction<Obs, Boolean, String> expectation) {
            this.name = name;
            this.expectation = expectation;
        }
    }

    public static void main(String[] args) throws Exception {
        boolean shortForm = Services.shortForm(args);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_SOURCE_TIMEOUT", System.getProperty("reliability.sourceTimeout", "2s"));
        env.put("GATEWAY_CIRCUIT_RESET", System.getProperty("reliability.circuitReset", "2s"));
        env.put("GATEWAY_CACHE_TTL", System.getProperty("reliability.cacheTtl", "500ms"));
        env.put("GATEWAY_CACHE_MAX_STALE", System.getProperty("reliability.cacheMaxStale", "1s"));
        boolean pass;
        try (Services s = new Services("fault", env)) {
            System.out.println("FaultHarness " + Stats.now() + (shortForm ? " (short form)" : "") + "; work directory " + s.work());
            s.start(Services.ALL.toArray(String[]::new));
            pass = run(s, shortForm);
        }
        System.exit(pass ? 0 : 1);
    }

    static boolean run(Services s, boolean shortForm) throws Exception {
        double timeoutMs = millis(s.env().getOrDefault("GATEWAY_SOURCE_TIMEOUT", "2s"));
        double ttlMs = millis(s.env().getOrDefault("GATEWAY_CACHE_TTL", "15s"));
        double staleMs = millis(s.env().getOrDefault("GATEWAY_CACHE_MAX_STALE", "1h"));
        double resetMs = millis(s.env().getOrDefault("GATEWAY_CIRCUIT_RESET", "10s"));
        double marginMs = Double.parseDouble(System.getProperty("reliability.marginMs", "1000"));
        double limitMs = timeoutMs + marginMs;
        long grace = (long) ((ttlMs + staleMs + timeoutMs + 500) * 1e6);
        long hold = (shortForm ? 7 : 30) * 1000L; // ms
        int readers = Integer.getInteger("reliability.readers", 3);

        // A little data in the viewed quarter, so that every source has figures to give.
        Context ctx = new Context("ft" + Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36), 2025, 2);
        ctx.setUp(s);
        for (Stream st : Stream.values()) {
            s.write("POST", st.module, st.path, Streams.batch(st, ctx, 0, 100, 0).body());
        }
        s.write("PUT", B, "/api/v1/group-revenue/2025-Q1",
                "{\"groupRevenueCny\":236454000000.00,\"cloudRevenueCny\":30127000000.00,\"source\":\"reliability harness (synthetic)\"}");
        s.bearer(Services.GATEWAY);

        List<Phase> phases = new ArrayList<>();
        Phase allUp = new Phase("all up", (o, after) -> allOk(o));
        Phase oneDown = new Phase("tongyi killed (kill -9)", (o, after) -> !after ? answered(o)
                : expect(o, Map.of(T, DOWN, Q, Set.of("OK"), B, Set.of("OK"))));
        Phase twoDown = new Phase("+ quark frozen (kill -STOP)", (o, after) -> !after ? answered(o)
                : expect(o, Map.of(T, DOWN, Q, DOWN, B, Set.of("OK"))));
        Phase allDown = new Phase("+ billing frozen: all out", (o, after) -> !after ? null
                : o.status() == 503 && o.problem() ? null : "expected 503 problem+json, got " + o.status());
        Phase restored = new Phase("restored (tongyi restarted, others continued)", (o, after) -> null);
        Phase cascade = new Phase("tongyi frozen alone (cascade check)", (o, after) -> !after ? answered(o)
                : expect(o, Map.of(T, DOWN, Q, Set.of("OK"), B, Set.of("OK", "TIMEOUT", "UNAVAILABLE"))));
        Phase again = new Phase("tongyi continued", (o, after) -> null);
        phases.addAll(List.of(allUp, oneDown, twoDown, allDown, restored, cascade, again));

        // Every source answering first (the gateway's circuits may still be open from an earlier harness).
        try {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> allOk(observe("warm-up", System.nanoTime(), s.get(Services.GATEWAY, VIEW))) == null);
        } catch (ConditionTimeoutException notWarm) {
            System.out.println("FAIL FaultHarness: the view was not complete with every source OK within 60 s of the start");
            return false;
        }
        List<Obs> observations = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<Phase> current = new java.util.concurrent.atomic.AtomicReference<>(allUp);
        volatile_begin(allUp, 0);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            threads.add(Services.thread("fault-reader-" + r, () -> {
                while (!stop.get()) {
                    Phase p = current.get();
                    long t0 = System.nanoTime();
                    Answer a = s.send("GET", Services.GATEWAY, VIEW, null, null, true, Duration.ofSeconds(60), false);
                    observations.add(observe(p.name, t0, a));
                }
            }));
        }

        // all up
        sleep(hold / 2);
        long recoveredAfterRestoreMs;
        // one down
        begin(current, oneDown, allUp, grace);
        s.kill9(T);
        sleep(hold);
        // two down
        begin(current, twoDown, oneDown, grace);
        s.freeze(Q);
        sleep(hold);
        // all out
        begin(current, allDown, twoDown, grace);
        s.freeze(B);
        sleep(hold);
        // restored: quark and billing continued, tongyi started again on its data (a JVM takes seconds to start)
        begin(current, restored, allDown, 0);
        s.thaw(Q);
        s.thaw(B);
        long tongyiBackMs = s.restart(T);
        long restoredAt = System.nanoTime();
        recoveredAfterRestoreMs = awaitAllOk(observations, restoredAt, 60_000);
        long deadline = restoredAt + (long) ((resetMs + ttlMs + timeoutMs + 2000) * 1e6);
        sleep(Math.max(0, (deadline - System.nanoTime()) / 1_000_000) + 3000);
        // cascade: tongyi frozen alone; billing's attribution asks it for metered tokens
        begin(current, cascade, restored, grace);
        Stats billingDirect = new Stats("billing attribution, direct");
        Map<String, Integer> reconciliation = new TreeMap<>();
        s.freeze(T);
        long cascadeEnd = System.nanoTime() + hold * 1_000_000L;
        while (System.nanoTime() < cascadeEnd) {
            Answer a = s.get(B, "/api/v1/attribution?period=2025-Q1");
            if (a.status() == 200) {
                billingDirect.add(a.millis());
                reconciliation.merge(a.json().path("reconciliation").path("status").asText(), 1, Integer::sum);
            } else {
                billingDirect.error();
            }
        }
        // again
        begin(current, again, cascade, 0);
        s.thaw(T);
        long thawedAt = System.nanoTime();
        long recoveredAfterThawMs = awaitAllOk(observations, thawedAt, 60_000);
        long deadline2 = thawedAt + (long) ((resetMs + ttlMs + timeoutMs + 2000) * 1e6);
        sleep(Math.max(0, (deadline2 - System.nanoTime()) / 1_000_000) + 3000);
        again.endNanos = System.nanoTime();
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }

        // Judge every answer by its phase.
        boolean pass = true;
        List<List<String>> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, String> details = new LinkedHashMap<>();
        List<Obs> all;
        synchronized (observations) {
            all = new ArrayList<>(observations);
        }
        for (Phase p : phases) {
            List<Obs> mine = all.stream().filter(o -> o.phase().equals(p.name)).toList();
            double[] ms = mine.stream().mapToDouble(Obs::millis).toArray();
            Map<String, Integer> seen = new TreeMap<>();
            int bad = 0;
            int slow = 0;
            int straddling = 0;
            int fastTimeouts = 0;
            for (Obs o : mine) {
                boolean after = o.startNanos() >= p.startNanos + p.graceNanos;
                String why = p.expectation.apply(o, after);
                if (p == restored || p == again) {
                    long back = p == restored ? restoredAt : thawedAt;
                    long due = p == restored ? deadline : deadline2;
                    // until the bound: any proper answer (503 while every circuit is still open); after it: all OK
                    why = o.startNanos() >= due && o.startNanos() >= back ? allOk(o)
                            : o.status() == 200 || (o.status() == 503 && o.problem()) ? null : "got " + o.status();
                }
                if (o.startNanos() + (long) (o.millis() * 1e6) > p.endNanos) {
                    // asked in this phase, answered in the next: only the answer's kind and time are judged
                    why = o.status() == 200 || (o.status() == 503 && o.problem()) ? null : "got " + o.status();
                    straddling++;
                }
                if (o.millis() > limitMs) {
                    slow++;
                    why = (why == null ? "" : why + "; ") + String.format("took %.0f ms (> %.0f ms)", o.millis(), limitMs);
                }
                if (why != null && p != cascade) {
                    bad++;
                    if (failures.size() < 25) {
                        failures.add(p.name + ": " + why + " — " + describe(o));
                    }
                } else if (why != null) {
                    failures.add("(cascade, not counted) " + why + " — " + describe(o));
                }
                if (o.sources().containsValue("TIMEOUT") && o.millis() < timeoutMs / 2) {
                    fastTimeouts++; // marked TIMEOUT without waiting for it: the open circuit repeating its last failure
                }
                String key = o.status() == 200 ? (o.complete() ? "complete " : "incomplete ") + shortStatuses(o.sources())
                        : String.valueOf(o.status());
                seen.merge(key, 1, Integer::sum);
                o.details().forEach((src, d) -> details.putIfAbsent(p.name + " | " + src + " " + o.sources().getOrDefault(src, ""), d));
            }
            if (p != cascade) {
                pass &= bad == 0 && !mine.isEmpty();
            }
            rows.add(List.of(p.name, String.valueOf(mine.size()), Stats.f1(Stats.percentile(ms, 50)),
                    Stats.f1(Stats.percentile(ms, 99)), Stats.f1(max(ms)), String.valueOf(slow), seen.toString(),
                    String.valueOf(straddling), String.valueOf(fastTimeouts), p == cascade ? "(reported)" : bad == 0 && !mine.isEmpty() ? "OK" : "FAIL " + bad));
        }

        System.out.printf("%nFaults under load: %d readers of %s; GATEWAY_SOURCE_TIMEOUT %.0f ms, GATEWAY_CIRCUIT_RESET %.0f ms, "
                + "GATEWAY_CACHE_TTL %.0f ms, GATEWAY_CACHE_MAX_STALE %.0f ms; latency limit %.0f ms; grace %d ms%n",
                readers, VIEW, timeoutMs, resetMs, ttlMs, staleMs, limitMs, grace / 1_000_000);
        System.out.print(Stats.table(List.of("phase", "answers", "p50 ms", "p99 ms", "max ms", "over limit",
                "answers seen (status T/Q/B)", "answered in next phase", "TIMEOUT in < timeout/2", "result"), rows));
        System.out.println("what the answers said about failing sources (first of each kind):");
        details.forEach((k, d) -> System.out.println("  " + k + ": " + d));
        System.out.printf("tongyi's new process was healthy %d ms after it was started (killed with kill -9 before, same data)%n",
                tongyiBackMs);
        System.out.printf("recovery: first complete answer %d ms after the last source was back; again %d ms after tongyi "
                + "was continued (bound: circuit reset + TTL + timeout + 2 s = %.0f ms)%n", recoveredAfterRestoreMs,
                recoveredAfterThawMs, resetMs + ttlMs + timeoutMs + 2000);
        System.out.printf("cascade: with tongyi frozen, billing's attribution read directly answered %d times, p50 %.0f ms, "
                + "max %.0f ms, reconciliation %s; its status in the gateway's answers is in the table%n",
                billingDirect.count(), billingDirect.percentile(50), billingDirect.max(), reconciliation);
        pass &= recoveredAfterRestoreMs >= 0 && recoveredAfterThawMs >= 0;
        failures.forEach(f -> System.out.println("  " + (f.startsWith("(cascade") ? "NOTE " : "FAILED ") + f));
        System.out.println((pass ? "PASS" : "FAIL") + " FaultHarness: the gateway answered every request within "
                + Stats.f0(limitMs) + " ms, marked the missing sources, and recovered");
        return pass;
    }

    private static void volatile_begin(Phase p, long grace) {
        p.startNanos = System.nanoTime();
        p.graceNanos = grace;
    }

    private static void begin(java.util.concurrent.atomic.AtomicReference<Phase> current, Phase next, Phase previous,
                              long grace) {
        previous.endNanos = System.nanoTime();
        volatile_begin(next, grace);
        current.set(next);
    }

    /** ms from the moment {@code since} until the first answer asked after it that was complete and all OK; -1: none. */
    private static long awaitAllOk(List<Obs> observations, long since, long limitMs) {
        long leftNanos = since + limitMs * 1_000_000L - System.nanoTime();
        AtomicLong found = new AtomicLong(-1);
        if (leftNanos > 0) {
            try {
                await().atMost(Duration.ofNanos(leftNanos)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            synchronized (observations) {
                                for (Obs o : observations) {
                                    if (o.startNanos() >= since && allOk(o) == null) {
                                        found.set((o.startNanos() - since) / 1_000_000);
                                        return true;
                                    }
                                }
                            }
                            return false;
                        });
            } catch (ConditionTimeoutException none) {
                // no complete answer within the limit: -1
            }
        }
        return found.get();
    }

    private static Obs observe(String phase, long t0, Answer a) {
        Map<String, String> sources = new TreeMap<>();
        Map<String, String> details = new TreeMap<>();
        Boolean complete = null;
        if (a.status() == 200) {
            JsonNode v = a.json();
            complete = v.path("complete").asBoolean();
            v.path("sources").fields().forEachRemaining(e -> {
                sources.put(e.getKey(), e.getValue().path("status").asText());
                if (!e.getValue().path("detail").isNull()) {
                    details.put(e.getKey(), e.getValue().path("detail").asText());
                }
            });
        } else if (a.body() != null && a.isProblem()) {
            details.put("problem", a.json().path("detail").asText());
        }
        return new Obs(phase, t0, a.millis(), a.status(), a.isProblem(), complete, sources, details);
    }

    private static String answered(Obs o) {
        return o.status() == 200 ? null : "expected 200, got " + o.status();
    }

    private static String allOk(Obs o) {
        if (o.status() != 200) {
            return "expected 200, got " + o.status();
        }
        if (!Boolean.TRUE.equals(o.complete()) || o.sources().values().stream().anyMatch(v -> !v.equals("OK"))) {
            return "expected complete with every source OK";
        }
        return null;
    }

    private static String expect(Obs o, Map<String, Set<String>> wanted) {
        if (o.status() != 200) {
            return "expected 200, got " + o.status();
        }
        for (Map.Entry<String, Set<String>> w : wanted.entrySet()) {
            String got = o.sources().get(w.getKey());
            if (!w.getValue().contains(got)) {
                return w.getKey() + " " + got + ", expected one of " + w.getValue();
            }
        }
        boolean anyDown = o.sources().values().stream().anyMatch(DOWN::contains);
        if (anyDown == Boolean.TRUE.equals(o.complete())) {
            return "complete:" + o.complete() + " while sources are " + o.sources();
        }
        return null;
    }

    private static String describe(Obs o) {
        return String.format("%d in %.0f ms, complete %s, %s", o.status(), o.millis(), o.complete(), o.sources());
    }

    private static String shortStatuses(Map<String, String> sources) {
        return sources.getOrDefault(T, "-") + "/" + sources.getOrDefault(Q, "-") + "/" + sources.getOrDefault(B, "-");
    }

    private static double max(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    /** {@code 2s}, {@code 500ms}, {@code 1m}, {@code 1h} in milliseconds. */
    static double millis(String duration) {
        String d = duration.trim().toLowerCase();
        if (d.endsWith("ms")) {
            return Double.parseDouble(d.substring(0, d.length() - 2));
        }
        double n = Double.parseDouble(d.substring(0, d.length() - 1));
        return switch (d.charAt(d.length() - 1)) {
            case 's' -> n * 1000;
            case 'm' -> n * 60_000;
            case 'h' -> n * 3_600_000;
            default -> throw new IllegalArgumentException(duration);
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
