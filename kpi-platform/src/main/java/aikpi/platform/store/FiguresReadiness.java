package aikpi.platform.store;

import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Whether a service's derived figures can be trusted: ready, being recut after an unclean stop or a zone change, or
 * not recut because the recut failed. While they are not ready the service answers its API with 503 and takes no
 * write ({@link #requireWritable}), except the recut's own; {@code /health} says why.
 */
@Singleton
public class FiguresReadiness {

    /** Where the figures stand. */
    public enum Phase { READY, RECUTTING, FAILED }

    private volatile Phase phase = Phase.READY;
    private volatile String detail = "";
    private volatile Thread recut;

    public Phase phase() {
        return phase;
    }

    public boolean ready() {
        return phase == Phase.READY;
    }

    /** Why the figures are not ready, for the health answer and refused requests; empty when ready. */
    public Optional<String> reason() {
        return ready() ? Optional.empty() : Optional.of(detail);
    }

    /**
     * Refuses a write while the figures are not ready, unless it is the recut's own: a write advanced into a table
     * the recut is rebuilding would be counted twice or lost.
     */
    public void requireWritable() {
        if (!ready() && Thread.currentThread() != recut) {
            throw new FiguresNotReadyException(detail);
        }
    }

    void recutting(Thread by, String what) {
        recut = by;
        detail = what;
        phase = Phase.RECUTTING;
    }

    void progress(String what) {
        detail = what;
    }

    void readied() {
        phase = Phase.READY;
        detail = "";
        recut = null;
    }

    void failed(String why) {
        detail = why;
        phase = Phase.FAILED;
        recut = null;
    }
}
