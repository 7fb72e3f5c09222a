package aikpi.tongyi.models;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ModelRepository extends CrudRepository<Model, String> {

    List<Model> findAllOrderByModelId();

    List<Model> findByReleaseDateBetween(LocalDate from, LocalDate to);

    /** Which of these models exist. */
    List<String> findModelIdByModelIdIn(Collection<String> modelIds);
}
