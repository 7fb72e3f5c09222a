package aikpi.billing.focus;

import aikpi.security.Roles;
import aikpi.vocabulary.Period;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

@Tag(name = "ledger imports")
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/ledger/export")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExportController {

    public static final MediaType TEXT_CSV = MediaType.of("text/csv");

    private final FocusExport export;

    public ExportController(FocusExport export) {
        this.export = export;
    }

    @Operation(summary = "A period's ledger as a FOCUS cost-and-usage CSV file (text/csv)",
            description = "Importing the file into an empty service books the same attribution to the fen. A "
                    + "voucher-funded line is a Usage row and a Credit row; the mapping is in the service README.")
    @Get(produces = "text/csv")
    public HttpResponse<StreamedFile> export(@QueryValue String period) throws IOException {
        Period p = Period.parse(period);
        // Written to a temporary file first (the ledger is read in one transaction, never held in memory), then
        // streamed; the file is unlinked at once and goes away when the stream is closed.
        Path file = Files.createTempFile("ledger-export-", ".csv");
        InputStream in;
        try {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                export.write(p, out);
            }
            in = Files.newInputStream(file);
        } finally {
            Files.deleteIfExists(file);
        }
        return HttpResponse.ok(new StreamedFile(in, TEXT_CSV))
                .header("Content-Disposition", "attachment; filename=\"ledger-" + p.label() + ".focus.csv\"");
    }
}
