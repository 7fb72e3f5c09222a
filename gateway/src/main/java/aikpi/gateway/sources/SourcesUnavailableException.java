package aikpi.gateway.sources;

/** The sources an answer needs did not answer: there is nothing honest to show (503). */
public class SourcesUnavailableException extends RuntimeException {

    private SourcesUnavailableException(String message) {
        super(message);
    }

    /** No source could give any figure for the period. */
    public static SourcesUnavailableException forPeriod(String period) {
        return new SourcesUnavailableException("None of tongyi-service, quark-service and cloud-billing-service answered for "
                + period + "; try again shortly.");
    }

    /** The one source an answer comes from did not answer. */
    public static SourcesUnavailableException source(Source source, String what, String why) {
        return new SourcesUnavailableException(source.serviceId() + " did not answer for " + what + " (" + why
                + "); try again shortly.");
    }

    /** A seal needs every source's answer now; these did not give one ({@code why}: each source and its state). */
    public static SourcesUnavailableException forSeal(String period, String why) {
        return new SourcesUnavailableException(period + " was not sealed: " + why + ". A seal is never taken with a "
                + "figure missing or older than the seal; try again when every source answers.");
    }
}
