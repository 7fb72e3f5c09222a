package aikpi.quark.features;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** The body of {@code PUT /api/v1/apps/{appId}/features/{featureId}}. */
@Serdeable
public record FeatureRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull FeatureKind kind,
        @NotNull LocalDate launchedOn) {
}
