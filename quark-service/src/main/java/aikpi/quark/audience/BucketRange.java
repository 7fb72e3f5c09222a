package aikpi.quark.audience;

import java.time.LocalDate;

/** Buckets of one grain whose first days lie in {@code from..to}, both included. */
public record BucketRange(Grain grain, LocalDate from, LocalDate to) {
}
