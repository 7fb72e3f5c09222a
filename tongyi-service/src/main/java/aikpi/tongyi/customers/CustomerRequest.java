package aikpi.tongyi.customers;

import aikpi.vocabulary.Slug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** The body of {@code PUT /api/v1/customers/{customerId}}. */
@Serdeable
public record CustomerRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull CustomerKind kind,
        @Nullable @Pattern(regexp = Slug.REGEX, message = "must be a business unit id (lower-case slug)")
        String businessUnit,
        @NotNull LocalDate onboardedOn) {
}
