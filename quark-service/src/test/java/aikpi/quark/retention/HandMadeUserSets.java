package aikpi.quark.retention;

import aikpi.quark.rollup.Interval;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.theta.UpdateSketch;

/**
 * Sets of users built straight from a hand-written list of what each user did, for the calculator's tests: a user's
 * cohort is the day of their first sighting (an install or an open), active means an open or an AI session in the
 * window. Independent of the stores: nothing here goes through a rollup.
 */
final class HandMadeUserSets implements UserSetSource {

    private record Act(String user, LocalDate day) {
    }

    private final List<Act> sightings = new ArrayList<>();
    private final List<Act> opens = new ArrayList<>();
    private final List<Act> aiSessions = new ArrayList<>();

    /** An install: the user is seen, not active. */
    HandMadeUserSets install(String user, String day) {
        sightings.add(new Act(user, LocalDate.parse(day)));
        return this;
    }

    /** An app open: seen and active. */
    HandMadeUserSets open(String user, String... days) {
        for (String day : days) {
            sightings.add(new Act(user, LocalDate.parse(day)));
            opens.add(new Act(user, LocalDate.parse(day)));
        }
        return this;
    }

    HandMadeUserSets ai(String user, String day) {
        aiSessions.add(new Act(user, LocalDate.parse(day)));
        return this;
    }

    @Override
    public Sketch cohort(Interval interval, LocalDate start) {
        Map<String, LocalDate> first = new HashMap<>();
        sightings.forEach(a -> first.merge(a.user(), a.day(), (x, y) -> x.isBefore(y) ? x : y));
        UpdateSketch set = UserSets.empty();
        first.forEach((user, day) -> {
            if (interval.start(day).equals(start)) {
                set.update(user);
            }
        });
        return set.compact();
    }

    @Override
    public Sketch active(Activity activity, Interval interval, LocalDate start) {
        UpdateSketch set = UserSets.empty();
        for (Act a : activity == Activity.OPEN ? opens : aiSessions) {
            if (interval.start(a.day()).equals(start)) {
                set.update(a.user());
            }
        }
        return set.compact();
    }
}
