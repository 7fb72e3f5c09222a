package aikpi.tongyi.customers;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/** A company or business unit using the models through the model platform. */
@Serdeable
@MappedEntity("customer")
public record Customer(
        @Id String customerId,
        String name,
        CustomerKind kind,
        @Nullable String businessUnit,
        LocalDate onboardedOn) {
}
