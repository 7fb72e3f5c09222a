package aikpi.billing.fx;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One version of a day's rate: CNY per unit of {@code currency}, who set it and when. */
@Serdeable
public record FxRate(String currency, LocalDate day, int version, BigDecimal cnyPerUnit, String source, String setBy,
                     Instant setAt) {
}
