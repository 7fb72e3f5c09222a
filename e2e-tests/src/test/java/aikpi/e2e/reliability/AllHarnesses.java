package aikpi.e2e.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four reliability harnesses one after the other on one set of running services (started once, so the whole
 * takes about two minutes in the short form): bad input first (it needs a quiet suite), then load, crash and
 * faults. Each harness works on its own ids and periods, so they do not disturb each other's books. The gateway is
 * configured for the fault harness ({@code GATEWAY_CIRCUIT_RESET=2s}, {@code GATEWAY_CACHE_TTL=500ms},
 * {@code GATEWAY_CACHE_MAX_STALE=1s}, {@code GATEWAY_SOURCE_TIMEOUT=2s}).
 *
 * <p>{@code mvn -B -q -o -pl e2e-tests test-compile exec:java -Dexec.mainClass=aikpi.e2e.reliability.AllHarnesses
 * -Dreliability.short=true}. Exits 1 if any harness fails; {@code -Dreliability.only=load,crash} runs some of them.
 */
public final class AllHarnesses {

    private AllHarnesses() {
    }

    public static void main(String[] args) throws Exception {
        boolean shortForm = Services.shortForm(args);
        String only = System.getProperty("reliability.only", "badinput,load,crash,fault");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_SOURCE_TIMEOUT", System.getProperty("reliability.sourceTimeout", "2s"));
        env.put("GATEWAY_CIRCUIT_RESET", System.getProperty("reliability.circuitReset", "2s"));
        env.put("GATEWAY_CACHE_TTL", System.getProperty("reliability.cacheTtl", "500ms"));
        env.put("GATEWAY_CACHE_MAX_STALE", System.getProperty("reliability.cacheMaxStale", "1s"));
        Map<String, Boolean> results = new LinkedHashMap<>();
        List<Long> seconds = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Services s = new Services("all", env)) {
            System.out.println("AllHarnesses " + Stats.now() + (shortForm ? " (short form)" : "") + "; work directory " + s.work());
            s.start(Services.ALL.toArray(String[]::new));
            System.out.printf("four services started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            for (String name : only.split(",")) {
                long t = System.nanoTime();
                System.out.println("\n======== " + name);
                boolean pass;
                try {
                    pass = switch (name.trim()) {
                        case "badinput" -> BadInputHarness.run(s, shortForm);
                        case "load" -> LoadHarness.run(s, shortForm);
                        case "crash" -> {
                            boolean p = CrashHarness.run(s, shortForm);
                            // the crash harness ends with the three services stopped (to read their files)
                            s.start(Services.TONGYI, Services.QUARK, Services.BILLING);
                            yield p;
                        }
                        case "fault" -> FaultHarness.run(s, shortForm);
                        default -> throw new IllegalArgumentException("unknown harness " + name);
                    };
                } catch (Exception e) {
                    e.printStackTrace(System.out);
                    pass = false;
                }
                results.put(name.trim(), pass);
                seconds.add((System.nanoTime() - t) / 1_000_000_000L);
            }
        }
        System.out.println("\n======== summary (" + Stats.now() + ")");
        int i = 0;
        for (Map.Entry<String, Boolean> r : results.entrySet()) {
            System.out.printf("  %-9s %s  (%d s)%n", r.getKey(), r.getValue() ? "PASS" : "FAIL", seconds.get(i++));
        }
        boolean all = results.values().stream().allMatch(Boolean::booleanValue);
        System.out.printf("%s AllHarnesses in %.0f s%n", all ? "PASS" : "FAIL", (System.nanoTime() - t0) / 1e9);
        System.exit(all ? 0 : 1);
    }
}
