package aikpi.quark.audience;

import aikpi.quark.rollup.Interval;
import java.time.LocalDate;

/** Buckets of one grain whose first days lie in {@code from..to}, both included. */
public record BucketRange(Interval grain, LocalDate from, LocalDate to) {
}
