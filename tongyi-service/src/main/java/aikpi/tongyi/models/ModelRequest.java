package aikpi.tongyi.models;

import aikpi.tongyi.hubstats.Platform;
import aikpi.vocabulary.Slug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The body of {@code PUT /api/v1/models/{modelId}}; {@code hubIds} names the model on the hubs, such as
 * {@code {"HUGGING_FACE": "Qwen/Qwen3-8B"}} (absent: the model's hub ids are kept as they are).
 */
@Serdeable
public record ModelRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = Slug.REGEX, message = "must be a lower-case slug")
        String family,
        @NotBlank @Size(max = 64) String vendor,
        @NotBlank @Size(max = 200) String displayName,
        @Nullable @DecimalMin("0.001") @DecimalMax("9999999")
        @Digits(integer = 7, fraction = 3, message = "must have at most 7 integer digits and 3 decimals")
        BigDecimal parametersBillions,
        @NotNull Boolean openSource,
        @Nullable @Size(max = 100) String license,
        @Nullable LocalDate releaseDate,
        @Nullable Map<Platform, @NotBlank @Size(max = 200) String> hubIds) {
}
