package aikpi.tongyi.customers;

import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.NotFoundException;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Slug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
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
import io.micronaut.validation.Validated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;

@Tag(name = "customers")
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/customers")
@Validated
@ExecuteOn(TaskExecutors.BLOCKING)
public class CustomerController {

    private final CustomerRepository customers;
    private final CustomerBatchService batches;

    public CustomerController(CustomerRepository customers, CustomerBatchService batches) {
        this.customers = customers;
        this.batches = batches;
    }

    @Operation(summary = "Create or replace up to 10,000 customers at once (onboarding sync); atomic per batch")
    @Secured(Roles.TONGYI_WRITER)
    @AuditedWrite
    @Post
    public CustomerBatchService.UpsertResult upsertAll(@Body List<CustomerBatchService.CustomerItem> batch) {
        return batches.upsert(batch);
    }

    @Operation(summary = "Create or replace a customer; an INTERNAL customer is a business unit and names it")
    @Secured(Roles.TONGYI_WRITER)
    @AuditedWrite
    @Put("/{customerId}")
    public HttpResponse<Customer> put(
            @PathVariable String customerId,
            @Body @Valid CustomerRequest request) {
        Slug.require("customerId", customerId);
        CalendarDates.check("onboardedOn", request.onboardedOn());
        String businessUnit = request.businessUnit();
        if (request.kind() == CustomerKind.INTERNAL) {
            if (businessUnit == null) {
                throw new InvalidRequestException("An INTERNAL customer is a business unit: businessUnit is required.");
            }
        } else if (businessUnit != null) {
            throw new InvalidRequestException("Only an INTERNAL customer has a businessUnit; this one is " + request.kind() + ".");
        }
        Customer customer = new Customer(customerId, request.name(), request.kind(), businessUnit, request.onboardedOn());
        CustomerBatchService.Stored stored = batches.put(customer);
        return stored.created() ? HttpResponse.created(stored.customer()) : HttpResponse.ok(stored.customer());
    }

    @Operation(summary = "List customers by id, optionally of one kind; a page of up to limit (1,000 at most and by "
            + "default), the next page's address in the Link: rel=\"next\" header")
    @Get
    public HttpResponse<List<Customer>> list(@QueryValue @Nullable CustomerKind kind, @QueryValue @Nullable String limit,
                                             @QueryValue @Nullable String cursor, HttpRequest<?> request) {
        PageRequest page = PageRequest.of("customers", 1, limit, cursor);
        String after = page.after(0, "");
        Pageable rows = Pageable.from(0, page.fetchSize());
        List<Customer> fetched = kind == null
                ? customers.findByCustomerIdGreaterThanOrderByCustomerId(after, rows)
                : customers.findByKindAndCustomerIdGreaterThanOrderByCustomerId(kind, after, rows);
        return page.page(fetched, c -> List.of(c.customerId())).respond(request);
    }

    @Operation(summary = "One customer")
    @Get("/{customerId}")
    public Customer get(@PathVariable String customerId) {
        return customers.findById(customerId).orElseThrow(() -> new NotFoundException("customer", customerId));
    }
}
