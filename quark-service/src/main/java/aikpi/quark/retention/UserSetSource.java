package aikpi.quark.retention;

import aikpi.quark.rollup.Interval;
import java.time.LocalDate;
import org.apache.datasketches.theta.Sketch;

/** The sets of users one scope's retention is computed from (an app, a business unit, the group). */
public interface UserSetSource {

    /** The users first seen in the scope in the window starting on {@code start}. */
    Sketch cohort(Interval interval, LocalDate start);

    /** The users active in the scope (any of its apps) in the window starting on {@code start}. */
    Sketch active(Activity activity, Interval interval, LocalDate start);

    /** Whether the scope's users' AI sessions are known (the AI segment, returning on an AI session). */
    default boolean hasAiUsers() {
        return true;
    }
}
