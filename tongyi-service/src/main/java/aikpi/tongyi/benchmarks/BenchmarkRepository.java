package aikpi.tongyi.benchmarks;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BenchmarkRepository extends CrudRepository<BenchmarkResult, Long> {

    Optional<BenchmarkResult> findByModelIdAndBenchmarkAndEvaluatedOn(String modelId, String benchmark, LocalDate evaluatedOn);

    List<BenchmarkResult> findByBenchmarkOrderByEvaluatedOnDesc(String benchmark);
}
