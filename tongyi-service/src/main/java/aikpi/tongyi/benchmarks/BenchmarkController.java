package aikpi.tongyi.benchmarks;

import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.tongyi.benchmarks.BenchmarkService.BenchmarkRequest;
import aikpi.tongyi.benchmarks.BenchmarkService.Ranked;
import aikpi.tongyi.benchmarks.BenchmarkService.RecordResult;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

@Tag(name = "benchmarks")
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/benchmarks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BenchmarkController {

    private final BenchmarkService benchmarks;

    public BenchmarkController(BenchmarkService benchmarks) {
        this.benchmarks = benchmarks;
    }

    @Operation(summary = "Record benchmark results; a result for a known (model, benchmark, date) replaces it")
    @Secured(Roles.TONGYI_WRITER)
    @AuditedWrite
    @Post
    public RecordResult record(@Body List<BenchmarkRequest> results) {
        return benchmarks.record(results);
    }

    @Operation(summary = "Compare models on one benchmark by their latest score, best first")
    @Get
    public List<Ranked> compare(@QueryValue @NotBlank String benchmark) {
        return benchmarks.compare(benchmark);
    }
}
