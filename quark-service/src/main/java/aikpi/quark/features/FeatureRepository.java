package aikpi.quark.features;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FeatureRepository extends CrudRepository<AiFeature, Long> {

    Optional<AiFeature> findByAppIdAndFeatureId(String appId, String featureId);

    boolean existsByAppIdAndFeatureId(String appId, String featureId);

    List<AiFeature> findByAppIdOrderByFeatureId(String appId);

    /** A page of an app's features by keyset: those after {@code after}, in id order. */
    List<AiFeature> findByAppIdAndFeatureIdGreaterThanOrderByFeatureId(String appId, String after, Pageable page);

    List<AiFeature> findAllOrderByAppIdAndFeatureId();
}
