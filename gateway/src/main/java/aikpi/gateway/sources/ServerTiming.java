package aikpi.gateway.sources;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How long one source call of a view took, for the W3C {@code Server-Timing} response header: a browser's developer
 * tools and the latency benchmark read, per answer, what the gateway waited for.
 */
public record ServerTiming(String name, String description, double millis) {

    public static final String HEADER = "Server-Timing";

    /** The call behind an answer; empty when none was made (a cached answer, a figure the source does not have). */
    public static Optional<ServerTiming> of(Source source, String what, Sourced<?> answer) {
        if (answer.took() == null) {
            return Optional.empty();
        }
        return Optional.of(new ServerTiming(source.serviceId(), what + " " + answer.status(),
                answer.took().toNanos() / 1e6));
    }

    /** {@code tongyi-service;desc="current OK";dur=12.3, ...} */
    public static String header(List<ServerTiming> timings) {
        return timings.stream()
                .map(t -> String.format(Locale.ROOT, "%s;desc=\"%s\";dur=%.1f", t.name(), t.description(), t.millis()))
                .collect(Collectors.joining(", "));
    }
}
