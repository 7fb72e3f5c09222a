package aikpi.demo;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * SYNTHETIC: the days of an app at the group's scale, as the data platform's pipeline would send them to quark
 * ({@code PUT /api/v1/apps/{appId}/days/{date}}): tens of millions of users, millions of them active each day, their
 * distinct users as Apache DataSketches HLL sketches. Nothing here was reported anywhere.
 *
 * <p>The users come in cohorts ("blocks") of {@value #BLOCK} pseudonymous ids, each sketched once; a day's sketches
 * are unions of the blocks active, new or using AI that day, which is how a pipeline merges partial sketches and
 * keeps generating the data set fast. The feed starts on {@link DemoDataSet#FIRST_DAY} with the users the pipeline
 * knew before (its first day's new users), then gains about {@value #NEW_BLOCKS_A_WEEK} blocks a week.
 */
final class QuarkDailyAggregates {

    static final String APP = "taobao-dp";
    static final String NAME = "Taobao 淘宝 — data-platform daily aggregates (synthetic)";
    static final String UNIT = "taobao";
    /** The pipeline's sketches: lgK 14 (relative standard error 0.81%), HLL_4 (8 KiB each once dense). */
    static final int LG_K = 14;
    static final int BLOCK = 20_000;
    private static final int BASE_BLOCKS = 1_250;
    private static final int NEW_BLOCKS_A_WEEK = 8;

    private final List<Map<String, Object>> days = new ArrayList<>();
    private final List<LocalDate> dates = new ArrayList<>();

    QuarkDailyAggregates(SplittableRandom random) {
        long span = ChronoUnit.DAYS.between(DemoDataSet.FIRST_DAY, DemoDataSet.LAST_DAY) + 1;
        int blocks = BASE_BLOCKS + (int) (span / 7 + 1) * NEW_BLOCKS_A_WEEK;
        List<HllSketch> cohort = new ArrayList<>(blocks);
        int[] joined = new int[blocks];
        double[] engagement = new double[blocks];
        double[] aiAffinity = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            HllSketch s = new HllSketch(LG_K, TgtHllType.HLL_4);
            for (int u = 0; u < BLOCK; u++) {
                s.update("user-" + APP + "-" + ((long) b * BLOCK + u));
            }
            cohort.add(s);
            joined[b] = b < BASE_BLOCKS ? 0 : (int) ((b - BASE_BLOCKS) * 7L / NEW_BLOCKS_A_WEEK) + 1;
            // Users differ: some open the app every day, some a few times a month, many hardly ever; some take to
            // the AI assistant, most try it now and then.
            double tier = random.nextDouble();
            engagement[b] = tier < 0.30 ? 0.55 : tier < 0.65 ? 0.12 : 0.01;
            aiAffinity[b] = random.nextDouble() < 0.25 ? 0.35 : 0.03;
        }
        for (int d = 0; d < span; d++) {
            LocalDate day = DemoDataSet.FIRST_DAY.plusDays(d);
            double year = d / 365.0;
            double weekend = day.getDayOfWeek().getValue() >= DayOfWeek.SATURDAY.getValue() ? 1.15 : 1.0;
            Union active = new Union(LG_K);
            Union fresh = new Union(LG_K);
            Union ai = new Union(LG_K);
            long activeBlocks = 0;
            long newBlocks = 0;
            long aiBlocks = 0;
            for (int b = 0; b < blocks && joined[b] <= d; b++) {
                if (joined[b] == d) {
                    fresh.update(cohort.get(b));
                    newBlocks++;
                }
                if (random.nextDouble() < engagement[b] * weekend) {
                    active.update(cohort.get(b));
                    activeBlocks++;
                    // AI reaches more of the users each year.
                    if (random.nextDouble() < aiAffinity[b] * (1 + 0.4 * year)) {
                        ai.update(cohort.get(b));
                        aiBlocks++;
                    }
                }
            }
            days.add(day(activeBlocks * BLOCK, newBlocks * BLOCK, aiBlocks * BLOCK, year, active, fresh, ai, random));
            dates.add(day);
        }
    }

    private static Map<String, Object> day(long actives, long newUsers, long aiUsers, double year, Union active,
                                           Union fresh, Union ai, SplittableRandom random) {
        long sessions = Math.round(aiUsers * (1.5 + 0.2 * random.nextDouble()));
        long resolved = Math.round(sessions * (0.62 + 0.03 * year));
        long abandoned = Math.round(sessions * 0.2);
        long escalated = Math.round(sessions * 0.07);
        long unknown = sessions - resolved - abandoned - escalated;
        long rated = sessions * 3 / 10;
        long converted = Math.round(sessions * (0.09 + 0.02 * year));
        Map<String, Object> aiSessions = new LinkedHashMap<>();
        aiSessions.put("sessions", sessions);
        aiSessions.put("turns", Math.round(sessions * (3.2 + 0.2 * random.nextDouble())));
        aiSessions.put("agentCalls", Math.round(sessions * 0.6));
        aiSessions.put("resolved", resolved);
        aiSessions.put("abandoned", abandoned);
        aiSessions.put("escalated", escalated);
        aiSessions.put("unknown", unknown);
        aiSessions.put("rated", rated);
        aiSessions.put("ratingSum", Math.round(rated * 4.1));
        aiSessions.put("converted", converted);
        // About 86 CNY per conversion, to the fen.
        aiSessions.put("conversionValueCny", BigDecimal.valueOf(converted == 0 ? 0 : converted * 8_600L + random.nextInt(100), 2));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("installs", Math.round(newUsers * 0.9));
        d.put("opens", Math.round(actives * (4.0 + random.nextDouble())));
        d.put("aiSessions", aiSessions);
        d.put("activeUsers", sketch(active));
        d.put("newUsers", sketch(fresh));
        d.put("aiUsers", sketch(ai));
        return d;
    }

    private static String sketch(Union union) {
        return Base64.getEncoder().encodeToString(union.getResult(TgtHllType.HLL_4).toCompactByteArray());
    }

    /** One day's body, as first sent. */
    Map<String, Object> day(LocalDate date) {
        return days.get(dates.indexOf(date));
    }

    /** One PUT per day, in date order; {@code except} (if not null) left out. */
    List<DemoDataSet.Request> requests(LocalDate except) {
        List<DemoDataSet.Request> requests = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            if (dates.get(i).equals(except)) {
                continue;
            }
            requests.add(new DemoDataSet.Request("PUT", "/api/v1/apps/" + APP + "/days/" + dates.get(i), days.get(i), 1));
        }
        return requests;
    }
}
