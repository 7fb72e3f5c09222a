package aikpi.billing.focus;

import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.NotFoundException;
import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.List;

@Tag(name = "ledger imports")
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/ledger/imports")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImportController {

    private final FocusImportService imports;
    private final FocusImportStore store;

    public ImportController(FocusImportService imports, FocusImportStore store) {
        this.imports = imports;
        this.store = store;
    }

    @Operation(summary = "Import a FOCUS 1.0-1.2 cost-and-usage CSV file into the ledger",
            description = "Body: the CSV file (text/csv), optionally gzip-compressed (Content-Encoding: gzip). Streamed "
                    + "row by row; the whole file is one atomic change. A file that holds rows for a billing account's "
                    + "billing period an earlier import brought restates it (the earlier import is marked "
                    + "supersededBy); the very same file again changes nothing (unchanged: true). A billing month is final "
                    + "BILLING_CLOSE_DAY days after it ends: its first import is taken and counted late, a restatement "
                    + "of it is refused (409 naming the month and the import it would replace) and its "
                    + "ChargeClass=Correction rows are booked in the open period. Bad rows: 400 naming "
                    + "the line and column, nothing stored. The mapping is in the service README.")
    @Secured({Roles.BILLING_WRITER, IngestStreams.BILLING_IMPORTS})
    @Post(consumes = "text/csv")
    public HttpResponse<ImportRecord> importFile(@Body InputStream body,
                                                 @Nullable @Header(HttpHeaders.CONTENT_ENCODING) String encoding,
                                                 Authentication caller) {
        ImportRecord stored = imports.importFile(body, encoding, caller.getName());
        return HttpResponse.<ImportRecord>status(stored.unchanged() ? HttpStatus.OK : HttpStatus.CREATED).body(stored);
    }

    @Operation(summary = "Every import, newest first: what each brought, its file's SHA-256, who sent it and when; a page "
            + "of up to limit (1,000 at most and by default), the next page's address in the Link: rel=\"next\" header")
    @Get
    public HttpResponse<List<ImportRecord>> list(@QueryValue @Nullable String limit, @QueryValue @Nullable String cursor,
                                                 HttpRequest<?> request) {
        return store.list(PageRequest.of("imports", 2, limit, cursor)).respond(request);
    }

    @Operation(summary = "One import")
    @Get("/{importId}")
    public ImportRecord get(@PathVariable String importId) {
        return store.find(importId).orElseThrow(() -> new NotFoundException("import", importId));
    }
}
