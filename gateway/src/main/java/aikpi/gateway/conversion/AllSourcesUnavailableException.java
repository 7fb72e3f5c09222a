package aikpi.gateway.conversion;

/** No source could give any figure for the period: there is nothing honest to show. */
public class AllSourcesUnavailableException extends RuntimeException {

    public AllSourcesUnavailableException(String period) {
        super("None of tongyi-service, quark-service and cloud-billing-service answered for " + period
                + "; try again shortly.");
    }
}
