package aikpi.tongyi.hubstats;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns cumulative hub snapshots into a period's figures. Hubs report all-time totals, so what a period gained
 * on one (model, platform) is the last snapshot at or before the period's end minus the last snapshot before its
 * start (zero when there was none). A hub correcting its counters downwards shows as a negative gain, not hidden.
 */
public final class InfluenceCalculator {

    private InfluenceCalculator() {
    }

    /** A period's influence, by platform and in total. */
    public record PeriodInfluence(Influence gained, Influence cumulative, Map<Platform, Influence> gainedByPlatform,
                                  Map<Platform, Influence> cumulativeByPlatform) {
    }

    /**
     * @param atEnd        per (model, platform), the last snapshot at or before the period's last day
     * @param beforeStart  per (model, platform), the last snapshot before the period's first day
     */
    public static PeriodInfluence compute(Collection<HubSnapshot> atEnd, Collection<HubSnapshot> beforeStart) {
        Map<String, Influence> baseline = new HashMap<>();
        for (HubSnapshot s : beforeStart) {
            baseline.put(key(s), s.influence());
        }
        Map<Platform, Influence> gained = new EnumMap<>(Platform.class);
        Map<Platform, Influence> cumulative = new EnumMap<>(Platform.class);
        for (HubSnapshot s : atEnd) {
            Influence total = s.influence();
            Influence gain = total.minus(baseline.getOrDefault(key(s), Influence.NONE));
            gained.merge(s.platform(), gain, Influence::plus);
            cumulative.merge(s.platform(), total, Influence::plus);
        }
        return new PeriodInfluence(sum(gained.values()), sum(cumulative.values()), gained, cumulative);
    }

    /**
     * What a period gained, per model: the same differences as {@link #compute}, keyed by model. The models' gains
     * add up to the period's gain exactly.
     */
    public static Map<String, Influence> gainedByModel(Collection<HubSnapshot> atEnd,
                                                       Collection<HubSnapshot> beforeStart) {
        Map<String, Influence> baseline = new HashMap<>();
        for (HubSnapshot s : beforeStart) {
            baseline.put(key(s), s.influence());
        }
        Map<String, Influence> gained = new TreeMap<>();
        for (HubSnapshot s : atEnd) {
            Influence gain = s.influence().minus(baseline.getOrDefault(key(s), Influence.NONE));
            gained.merge(s.modelId(), gain, Influence::plus);
        }
        return gained;
    }

    private static Influence sum(Collection<Influence> parts) {
        return parts.stream().reduce(Influence.NONE, Influence::plus);
    }

    private static String key(HubSnapshot s) {
        return s.modelId() + '\u0000' + s.platform();
    }
}
