package aikpi.gateway.sources;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The gateway's clock; tests replace it to age cached answers. */
@Factory
public class SourceClock {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
