package aikpi.tongyi.hubstats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDate;

/** A hub's cumulative all-time counters for one model on one platform, as reported on one date. */
@MappedEntity("hub_snapshot")
public record HubSnapshot(
        @Id @GeneratedValue @Nullable Long id,
        String modelId,
        Platform platform,
        LocalDate snapshotDate,
        long downloads,
        long likes,
        long finetunes,
        long quantized,
        long adapters,
        long merges) {

    HubSnapshot withId(Long newId) {
        return new HubSnapshot(newId, modelId, platform, snapshotDate, downloads, likes, finetunes, quantized,
                adapters, merges);
    }

    Influence influence() {
        return new Influence(downloads, likes, new Derivatives(finetunes, quantized, adapters, merges));
    }
}
