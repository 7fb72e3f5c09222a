package aikpi.billing.grouprevenue;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The group's and cloud's revenue of one quarter as reported, stored under the quarter's calendar name. */
@MappedEntity("group_revenue")
public record GroupRevenue(
        @Id String quarter,
        LocalDate firstDay,
        LocalDate lastDay,
        BigDecimal groupRevenueCny,
        BigDecimal cloudRevenueCny,
        String source,
        Instant updatedAt) {
}
