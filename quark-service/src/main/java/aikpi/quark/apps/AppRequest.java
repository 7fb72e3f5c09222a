package aikpi.quark.apps;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** The body of {@code PUT /api/v1/apps/{appId}}. */
@Serdeable
public record AppRequest(
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Business unit id, a lower-case slug shared by every service: taobao, tmall, quark, "
                + "tongyi-app, amap, fliggy, eleme, alibaba-cloud")
        @NotNull @Pattern(regexp = AppController.BUSINESS_UNIT, message = "must be a business unit id (lower-case slug)")
        String businessUnit,
        @NotNull LocalDate launchedOn) {
}
