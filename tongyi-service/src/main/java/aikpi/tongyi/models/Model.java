package aikpi.tongyi.models;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A model the team tracks: its own open models and the reference models of other vendors it is compared with. */
@Serdeable
@MappedEntity("model")
public record Model(
        @Id String modelId,
        String family,
        String vendor,
        String displayName,
        @Nullable BigDecimal parametersBillions,
        boolean openSource,
        @Nullable String license,
        @Nullable LocalDate releaseDate) {
}
