package aikpi.tongyi.resources;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ResourceUsageRepository extends CrudRepository<ResourceUsageEntry, String> {

    /** GPU hours and cost of a range of days, by purpose. */
    @Serdeable
    record PurposeTotal(Purpose purpose, BigDecimal gpuHours, BigDecimal costCny) {
    }

    @Query(value = """
            SELECT purpose, SUM(gpu_hours) AS gpu_hours, SUM(cost_cny) AS cost_cny FROM resource_usage
            WHERE usage_date >= :from AND usage_date <= :to GROUP BY purpose ORDER BY purpose""", nativeQuery = true)
    List<PurposeTotal> totalsByPurpose(LocalDate from, LocalDate to);

    /** Inference cost of a range of days, by model (entries without a model are not any model's). */
    @Serdeable
    record ModelCost(String modelId, BigDecimal costCny) {
    }

    @Query(value = """
            SELECT model_id, SUM(cost_cny) AS cost_cny FROM resource_usage
            WHERE usage_date >= :from AND usage_date <= :to AND purpose = 'INFERENCE' AND model_id IS NOT NULL
            GROUP BY model_id ORDER BY model_id""", nativeQuery = true)
    List<ModelCost> inferenceCostByModel(LocalDate from, LocalDate to);

    /** GPU hours and cost of a range of days, by the model they were spent on (entries naming none are left out). */
    @Serdeable
    record ModelTotal(String modelId, BigDecimal gpuHours, BigDecimal costCny) {
    }

    @Query(value = """
            SELECT model_id, SUM(gpu_hours) AS gpu_hours, SUM(cost_cny) AS cost_cny FROM resource_usage
            WHERE usage_date >= :from AND usage_date <= :to AND model_id IS NOT NULL
            GROUP BY model_id ORDER BY model_id""", nativeQuery = true)
    List<ModelTotal> totalsByModel(LocalDate from, LocalDate to);

    /** GPU hours and cost of one day, every purpose. */
    @Serdeable
    record DayTotal(LocalDate usageDate, BigDecimal gpuHours, BigDecimal costCny) {
    }

    @Query(value = """
            SELECT usage_date, SUM(gpu_hours) AS gpu_hours, SUM(cost_cny) AS cost_cny FROM resource_usage
            WHERE usage_date >= :from AND usage_date <= :to GROUP BY usage_date ORDER BY usage_date""", nativeQuery = true)
    List<DayTotal> totalsByDay(LocalDate from, LocalDate to);

    @Query(value = "SELECT entry_id FROM resource_usage WHERE entry_id IN (:ids)", nativeQuery = true)
    List<String> findExistingIds(Collection<String> ids);
}
