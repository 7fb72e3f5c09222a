package aikpi.quark.sessions;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A day's AI sessions of one feature of one app: the unit of the aggregate that metrics read instead of sessions. */
public record FeatureDay(String appId, String featureId, LocalDate day, SessionTotals totals) {

    /** Key order: app, feature, day. Writers touch rows in this order so they never deadlock. */
    private static final Comparator<FeatureDay> KEY_ORDER = Comparator.comparing(FeatureDay::appId)
            .thenComparing(FeatureDay::featureId).thenComparing(FeatureDay::day);

    /** Adds up sessions into one row per (app, feature, day of the start in {@code zone}), in key order. */
    public static List<FeatureDay> rollUp(Collection<AiSession> sessions, ZoneId zone) {
        Map<FeatureDay, SessionTotals> sums = new TreeMap<>(KEY_ORDER);
        for (AiSession s : sessions) {
            FeatureDay key = new FeatureDay(s.appId(), s.featureId(), s.startedAt().atZone(zone).toLocalDate(), null);
            sums.merge(key, SessionTotals.of(s), SessionTotals::plus);
        }
        return sums.entrySet().stream()
                .map(e -> new FeatureDay(e.getKey().appId(), e.getKey().featureId(), e.getKey().day(), e.getValue()))
                .toList();
    }
}
