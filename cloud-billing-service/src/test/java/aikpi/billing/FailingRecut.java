package aikpi.billing;

import aikpi.platform.store.DerivedFigures;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** A derived figure whose recut always fails, for the tests of a service that cannot finish its recut. */
@Factory
@Requires(property = "test.recut-fails", value = "true")
class FailingRecut {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @Singleton
    DerivedFigures failing() {
        return DerivedFigures.keyedByBusinessDates("a figure that cannot be recut", () -> {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("No space left on device");
        });
    }
}
