package aikpi.quark.rollup;

import aikpi.quark.activity.UserEventStream;
import aikpi.quark.audience.Audience;
import aikpi.quark.audience.SketchKey;
import aikpi.quark.audience.SketchRollup;
import aikpi.quark.audience.SketchStore;
import aikpi.quark.firstseen.FirstSeen;
import aikpi.quark.firstseen.FirstSeenChange;
import aikpi.quark.firstseen.FirstSeenStore;
import aikpi.quark.firstseen.UserSighting;
import aikpi.quark.retention.SetKind;
import aikpi.quark.retention.UserSetRollup;
import aikpi.quark.retention.UserSetStore;
import aikpi.quark.sessions.AiSession;
import aikpi.quark.sessions.FeatureDay;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;

/**
 * The one place an event write fans out: exactly the events and sessions that were new advance, in the caller's
 * transaction, every aggregate the figures read (first-seen records and their counts, daily counts, sketches, sets of
 * users). The stores of raw events call it on write and {@link RollupRebuilder} on a recut, so both count alike.
 */
@Singleton
public class EventAggregates {

    private final FirstSeenStore firstSeen;
    private final SketchStore sketches;
    private final UserSetStore userSets;
    private final DailyCountsStore dailyCounts;
    private final LateItemsStore late;

    public EventAggregates(FirstSeenStore firstSeen, SketchStore sketches, UserSetStore userSets,
                           DailyCountsStore dailyCounts, LateItemsStore late) {
        this.late = late;
        this.firstSeen = firstSeen;
        this.sketches = sketches;
        this.userSets = userSets;
        this.dailyCounts = dailyCounts;
    }

    /**
     * Adds new installs or app opens: first-seen records and cohorts (both streams), install counts (installs),
     * active-user sketches and sets (app opens).
     *
     * @param unitOfApp each app's business unit, read under the app's lock
     */
    public void addUserEvents(UserEventStream stream, List<UserSighting> sightings, Map<String, String> unitOfApp,
                              ZoneId zone) throws SQLException {
        if (sightings.isEmpty()) {
            return;
        }
        List<FirstSeenChange> changes = firstSeen.record(FirstSeen.earliest(sightings, unitOfApp, zone));
        SortedMap<SketchKey, HllSketch> additions = SketchRollup.firstSeen(changes);
        if (stream == UserEventStream.INSTALL) {
            dailyCounts.writeInstalls(installsByDay(sightings, zone), false);
        } else {
            additions.putAll(SketchRollup.rollUp(Audience.ACTIVE, sightings, zone));
        }
        // One pass in key order over the new users' and (for opens) the active users' buckets, then their sets, in
        // the order every writer takes these rows.
        sketches.merge(additions);
        userSets.add(UserSetRollup.cohorts(changes));
        if (stream == UserEventStream.ACTIVITY) {
            userSets.add(UserSetRollup.activity(SetKind.OPEN, sightings, zone));
        }
    }

    /**
     * Counts the new items of {@code stream} ({@link UserEventStream#name()} or {@link LateItemsStore#AI_SESSIONS}) that
     * arrived after their day was complete ({@link LateItemsStore}).
     */
    public void addLate(String stream, Collection<LateItemsStore.Received> fresh, ZoneId zone) throws SQLException {
        late.add(stream, fresh, zone);
    }

    /** Adds new AI sessions: the daily per-feature counts and the AI-user sketches and sets. */
    public void addSessions(Collection<AiSession> fresh, ZoneId zone) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        dailyCounts.writeFeatureDays(FeatureDay.rollUp(fresh, zone), false);
        List<UserSighting> sightings = fresh.stream().map(AiSession::sighting).toList();
        sketches.merge(SketchRollup.rollUp(Audience.AI, sightings, zone));
        userSets.add(UserSetRollup.activity(SetKind.AI, sightings, zone));
    }

    private static SortedMap<String, SortedMap<LocalDate, Long>> installsByDay(List<UserSighting> installs, ZoneId zone) {
        SortedMap<String, SortedMap<LocalDate, Long>> counts = new TreeMap<>();
        for (UserSighting s : installs) {
            counts.computeIfAbsent(s.appId(), a -> new TreeMap<>())
                    .merge(s.at().atZone(zone).toLocalDate(), 1L, Long::sum);
        }
        return counts;
    }
}
