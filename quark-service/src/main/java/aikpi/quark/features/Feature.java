package aikpi.quark.features;

import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/** An AI feature as the API shows it. */
@Serdeable
public record Feature(String appId, String featureId, String name, FeatureKind kind, LocalDate launchedOn) {
}
