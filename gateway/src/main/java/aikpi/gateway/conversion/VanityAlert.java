package aikpi.gateway.conversion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A volume figure rose on the previous period while its paired quality figure fell or stayed flat: the pattern the
 * article warns of, where counting turns, downloads or revenue says nothing of value. The scope is the whole group
 * or one business unit (a unit's assistant can talk more and help less while the group's figures still look fine).
 * {@code id} is the alert's code, {@code volume} and {@code quality} its figures; {@code message} is its English text,
 * {@code text} the same in both languages, for a page that shows it in its reader's.
 */
@Serdeable
public record VanityAlert(String id, String scope, String message, Bilingual text, Figure volume, Figure quality) {

    /** The scope of an alert about the whole group rather than one business unit. */
    public static final String GROUP = "group";

    /** One side of the pair: its KPI id and its values in the previous and current period. */
    @Serdeable
    public record Figure(String id, @Nullable BigDecimal previous, @Nullable BigDecimal current) {
    }
}
