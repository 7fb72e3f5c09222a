package aikpi.billing.fx;

import aikpi.platform.paging.PageRequest;
import aikpi.security.Roles;
import aikpi.security.audit.AuditedWrite;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "fx rates")
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/fx-rates")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FxRateController {

    private final FxRateService rates;
    private final FxRebook rebook;

    public FxRateController(FxRateService rates, FxRebook rebook) {
        this.rates = rates;
        this.rebook = rebook;
    }

    @Operation(summary = "Set a day's rate: CNY per unit of an ISO 4217 currency",
            description = "Each change is a new version with who and when; nothing is overwritten. 201 with the new "
                    + "version; 200 with the version in force when the rate equals it (nothing stored). 400 for an "
                    + "unknown currency, CNY, a rate not above zero or with more than 10 decimals, a day in the future.")
    @Secured(Roles.BILLING_WRITER)
    @AuditedWrite
    @Put("/{currency}/{date}")
    public HttpResponse<FxRate> put(@PathVariable String currency, @PathVariable String date,
                                    @Body FxRateRequest request, Authentication caller) {
        FxRateStore.Written w = rates.put(currency, date, request, caller.getName());
        return w.created() ? HttpResponse.created(w.rate()) : HttpResponse.ok(w.rate());
    }

    @Operation(summary = "Set many rates from a CSV file (date,currency,cnyPerUnit,source)",
            description = "All of the file or nothing: a bad row is a 400 naming its line. A row equal to the rate in "
                    + "force stores nothing.")
    @Secured(Roles.BILLING_WRITER)
    @AuditedWrite
    @Post(consumes = "text/csv")
    public FxRateService.Imported importCsv(@Body String body, Authentication caller) {
        return rates.importCsv(body, caller.getName());
    }

    @Operation(summary = "Every version of the rates, by currency, day and version; optionally of one currency and "
            + "from..to; a page of up to limit, the next page's address in the Link: rel=\"next\" header")
    @Get
    public HttpResponse<List<FxRate>> list(@QueryValue @Nullable String currency, @QueryValue @Nullable String from,
                                           @QueryValue @Nullable String to, @QueryValue @Nullable String limit,
                                           @QueryValue @Nullable String cursor, HttpRequest<?> request) {
        return rates.list(currency, from, to, PageRequest.of("fx-rates", 3, limit, cursor)).respond(request);
    }

    @Operation(summary = "Reconvert the lines booked from..to at the rates in force now",
            description = "A rate corrected later changes nothing booked until this is called. The answer lists each "
                    + "line whose rate or CNY amount changed, with the old and new figures.")
    @Secured(Roles.BILLING_WRITER)
    @AuditedWrite
    @Post("/rebook")
    public FxRebook.Result rebook(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                  Authentication caller) {
        return rebook.rebook(from, to, caller.getName());
    }
}
