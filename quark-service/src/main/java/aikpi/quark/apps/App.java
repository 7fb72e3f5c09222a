package aikpi.quark.apps;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDate;

/** A consumer app of the group, owned by one business unit, fed by events or by daily aggregates. */
@MappedEntity("app")
public record App(
        @Id String appId,
        String name,
        String businessUnit,
        LocalDate launchedOn,
        Feed feed) {
}
