package aikpi.platform.warmup;

/**
 * Work of a service's own that its start-up warm-up runs after asking its paths, each round: what cannot be asked over
 * HTTP with the service's own credential (the gateway's executive views). Any exception only ends the warm-up early.
 */
@FunctionalInterface
public interface WarmUpStep {

    void run() throws Exception;
}
