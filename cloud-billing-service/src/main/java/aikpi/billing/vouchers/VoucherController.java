package aikpi.billing.vouchers;

import aikpi.platform.paging.PageRequest;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "vouchers")
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/vouchers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class VoucherController {

    private final VoucherService vouchers;

    public VoucherController(VoucherService vouchers) {
        this.vouchers = vouchers;
    }

    @Operation(summary = "Issue a voucher, or amend its terms",
            description = "201 when issued, 200 when amended. 409 when the amendment would contradict what was "
                    + "already drawn: the amount cannot drop below the drawn amount, a drawn voucher keeps its customer.")
    @Secured(Roles.BILLING_WRITER)
    @AuditedWrite
    @Put("/{voucherId}")
    public HttpResponse<VoucherBalance> put(@PathVariable String voucherId, @Body VoucherRequest request) {
        VoucherService.Stored stored = vouchers.put(voucherId, request);
        return stored.created() ? HttpResponse.created(stored.voucher()) : HttpResponse.ok(stored.voucher());
    }

    @Operation(summary = "A voucher: issued amount, drawn, remaining balance and whether it has expired")
    @Get("/{voucherId}")
    public VoucherBalance get(@PathVariable String voucherId) {
        return vouchers.get(voucherId);
    }

    @Operation(summary = "Every voucher by id, optionally of one customer; a page of up to limit (1,000 at most and by "
            + "default), the next page's address in the Link: rel=\"next\" header")
    @Get
    public HttpResponse<List<VoucherBalance>> list(@QueryValue @Nullable String customerId,
                                                   @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor,
                                                   HttpRequest<?> request) {
        return vouchers.list(customerId, PageRequest.of("vouchers", 1, limit, cursor)).respond(request);
    }
}
