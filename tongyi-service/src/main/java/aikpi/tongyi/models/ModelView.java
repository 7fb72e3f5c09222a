package aikpi.tongyi.models;

import aikpi.tongyi.hubstats.Platform;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** A model as the API answers it: its record and the ids the model hubs list it under. */
@Serdeable
public record ModelView(String modelId, String family, String vendor, String displayName,
                        @Nullable BigDecimal parametersBillions, boolean openSource, @Nullable String license,
                        @Nullable LocalDate releaseDate, Map<Platform, String> hubIds) {

    static ModelView of(Model m, Map<Platform, String> hubIds) {
        return new ModelView(m.modelId(), m.family(), m.vendor(), m.displayName(), m.parametersBillions(),
                m.openSource(), m.license(), m.releaseDate(), hubIds);
    }
}
