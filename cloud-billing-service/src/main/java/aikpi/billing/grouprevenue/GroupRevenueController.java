package aikpi.billing.grouprevenue;

import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "group revenue")
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/group-revenue")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GroupRevenueController {

    private final GroupRevenueService revenue;

    public GroupRevenueController(GroupRevenueService revenue) {
        this.revenue = revenue;
    }

    @Operation(summary = "Record a quarter's reported group and cloud revenue",
            description = "The quarter is named as a calendar (2024-Q4) or fiscal (FY2025-Q3) quarter; both name the "
                    + "same row. 201 when the quarter is new, 200 when its figures are replaced.")
    @Secured(Roles.BILLING_WRITER)
    @AuditedWrite
    @Put("/{quarter}")
    public HttpResponse<GroupRevenueReport> put(@PathVariable String quarter, @Body GroupRevenueRequest request) {
        GroupRevenueService.Stored stored = revenue.put(quarter, request);
        GroupRevenueReport report = GroupRevenueReport.of(stored.revenue());
        return stored.created() ? HttpResponse.created(report) : HttpResponse.ok(report);
    }

    @Operation(summary = "A quarter's reported revenue, by either of its names")
    @Get("/{quarter}")
    public GroupRevenueReport get(@PathVariable String quarter) {
        return GroupRevenueReport.of(revenue.get(quarter));
    }

    @Operation(summary = "Every reported quarter, oldest first")
    @Get
    public List<GroupRevenueReport> list() {
        return revenue.list().stream().map(GroupRevenueReport::of).toList();
    }
}
