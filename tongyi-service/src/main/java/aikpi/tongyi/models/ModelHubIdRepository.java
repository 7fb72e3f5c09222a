package aikpi.tongyi.models;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;

/** The ids the model hubs list each model under ({@code model_hub_id}), a model's rows replaced together. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ModelHubIdRepository extends GenericRepository<Model, String> {

    /** One row: the model, the hub's {@code Platform} name and the id it lists the model under. */
    @Introspected
    record HubId(String modelId, String platform, String hubId) {
    }

    @Query(value = "SELECT model_id, platform, hub_id FROM model_hub_id WHERE model_id IN (:modelIds)", nativeQuery = true)
    List<HubId> findOfModels(Collection<String> modelIds);

    @Query(value = "SELECT model_id, platform, hub_id FROM model_hub_id WHERE platform = :platform AND hub_id IN (:hubIds)",
            nativeQuery = true)
    List<HubId> findOnPlatform(String platform, Collection<String> hubIds);

    @Query(value = "DELETE FROM model_hub_id WHERE model_id = :modelId", nativeQuery = true)
    int deleteOfModel(String modelId);

    @Query(value = "INSERT INTO model_hub_id (model_id, platform, hub_id) VALUES (:modelId, :platform, :hubId)",
            nativeQuery = true)
    int insert(String modelId, String platform, String hubId);
}
