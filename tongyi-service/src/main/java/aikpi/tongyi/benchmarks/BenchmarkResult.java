package aikpi.tongyi.benchmarks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A model's published score on one benchmark, as evaluated on one date. */
@MappedEntity("benchmark_result")
public record BenchmarkResult(
        @Id @GeneratedValue @Nullable Long id,
        String modelId,
        String benchmark,
        BigDecimal score,
        LocalDate evaluatedOn) {
}
