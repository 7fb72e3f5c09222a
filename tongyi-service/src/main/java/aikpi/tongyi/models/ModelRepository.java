package aikpi.tongyi.models;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ModelRepository extends CrudRepository<Model, String> {

    /** A page of the model list by keyset on the id; a filter left null matches every model. */
    @Query(value = """
            SELECT * FROM model WHERE model_id > :after
              AND (CAST(:family AS VARCHAR) IS NULL OR family = :family)
              AND (CAST(:vendor AS VARCHAR) IS NULL OR LOWER(vendor) = LOWER(:vendor))
              AND (CAST(:openSource AS BOOLEAN) IS NULL OR open_source = :openSource)
            ORDER BY model_id LIMIT :limit""", nativeQuery = true)
    List<Model> page(String after, @Nullable String family, @Nullable String vendor, @Nullable Boolean openSource,
                     int limit);

    List<Model> findByReleaseDateBetween(LocalDate from, LocalDate to);

    /** Which of these models exist. */
    List<String> findModelIdByModelIdIn(Collection<String> modelIds);
}
