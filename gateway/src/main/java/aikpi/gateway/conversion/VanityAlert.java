package aikpi.gateway.conversion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A volume figure rose on the previous period while its paired quality figure fell or stayed flat: the pattern the
 * article warns of, where counting turns, downloads or revenue says nothing of value.
 */
@Serdeable
public record VanityAlert(String id, String message, Figure volume, Figure quality) {

    /** One side of the pair: its KPI id and its values in the previous and current period. */
    @Serdeable
    public record Figure(String id, @Nullable BigDecimal previous, @Nullable BigDecimal current) {
    }
}
