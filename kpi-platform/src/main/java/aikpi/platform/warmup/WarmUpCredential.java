package aikpi.platform.warmup;

/** The {@code Authorization} header a warm-up call carries: the service's own credential (kpi-security provides it). */
@FunctionalInterface
public interface WarmUpCredential {

    String authorization();
}
