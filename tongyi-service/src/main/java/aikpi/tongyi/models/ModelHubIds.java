package aikpi.tongyi.models;

import aikpi.platform.store.Sql;
import aikpi.platform.store.Transactions;
import aikpi.tongyi.hubstats.Platform;
import aikpi.tongyi.models.ModelHubIdRepository.HubId;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ids the model hubs list each model under: read with a model, replaced with it. */
@Singleton
public class ModelHubIds {

    private final ModelHubIdRepository repository;
    private final Transactions transactions;

    public ModelHubIds(ModelHubIdRepository repository, Transactions transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    /** Replaces the model's hub ids (inside the caller's transaction when there is one). */
    public void replace(String modelId, Map<Platform, String> hubIds) {
        transactions.write(c -> {
            repository.deleteOfModel(modelId);
            hubIds.forEach((platform, hubId) -> repository.insert(modelId, platform.name(), hubId));
            return null;
        });
    }

    /** The hub ids of these models, by model id (a model without any left out). */
    public Map<String, Map<Platform, String>> of(Collection<String> modelIds) {
        Map<String, Map<Platform, String>> out = new HashMap<>();
        Sql.forEachChunk(List.copyOf(modelIds), chunk -> out.putAll(byModel(repository.findOfModels(chunk))));
        return out;
    }

    public Map<Platform, String> of(String modelId) {
        return of(List.of(modelId)).getOrDefault(modelId, Map.of());
    }

    /** The model each of these hub ids of the platform names, by hub id (unknown ones left out). */
    public Map<String, String> modelsOf(Platform platform, Collection<String> hubIds) {
        Map<String, String> out = new HashMap<>();
        Sql.forEachChunk(List.copyOf(hubIds), chunk ->
                repository.findOnPlatform(platform.name(), chunk).forEach(h -> out.put(h.hubId(), h.modelId())));
        return out;
    }

    private static Map<String, Map<Platform, String>> byModel(List<HubId> rows) {
        Map<String, Map<Platform, String>> out = new HashMap<>();
        for (HubId h : rows) {
            out.computeIfAbsent(h.modelId(), k -> new EnumMap<>(Platform.class)).put(Platform.valueOf(h.platform()), h.hubId());
        }
        return out;
    }
}
