package aikpi.tongyi.models;

import aikpi.platform.store.Sql;
import aikpi.platform.store.StoreException;
import aikpi.platform.store.Transactions;
import aikpi.tongyi.hubstats.Platform;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ids the model hubs list each model under ({@code model_hub_id}): read with a model, replaced with it. */
@Singleton
public class ModelHubIds {

    private final Transactions transactions;

    public ModelHubIds(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Replaces the model's hub ids (inside the caller's transaction when there is one). */
    public void replace(String modelId, Map<Platform, String> hubIds) {
        transactions.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_hub_id WHERE model_id = ?")) {
                ps.setString(1, modelId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_hub_id (model_id, platform, hub_id) VALUES (?, ?, ?)")) {
                for (Map.Entry<Platform, String> e : hubIds.entrySet()) {
                    ps.setString(1, modelId);
                    ps.setString(2, e.getKey().name());
                    ps.setString(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Every model's hub ids, by model id. */
    public Map<String, Map<Platform, String>> all() {
        return transactions.read(c -> read(c, "SELECT model_id, platform, hub_id FROM model_hub_id", null));
    }

    /** The hub ids of these models, by model id (a model without any left out). */
    public Map<String, Map<Platform, String>> of(Collection<String> modelIds) {
        return transactions.read(c -> {
            Map<String, Map<Platform, String>> out = new HashMap<>();
            Sql.forEachChunk(List.copyOf(modelIds), chunk -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT model_id, platform, hub_id FROM model_hub_id "
                        + "WHERE model_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    collect(ps, out);
                } catch (SQLException e) {
                    throw new StoreException(e);
                }
            });
            return out;
        });
    }

    public Map<Platform, String> of(String modelId) {
        return transactions.read(c -> read(c, "SELECT model_id, platform, hub_id FROM model_hub_id WHERE model_id = ?",
                modelId)).getOrDefault(modelId, Map.of());
    }

    /** The model each of these hub ids of the platform names, by hub id (unknown ones left out). */
    public Map<String, String> modelsOf(Platform platform, Collection<String> hubIds) {
        return transactions.read(c -> {
            Map<String, String> out = new HashMap<>();
            Sql.forEachChunk(List.copyOf(hubIds), chunk -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT hub_id, model_id FROM model_hub_id WHERE platform = ? "
                        + "AND hub_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                    ps.setString(1, platform.name());
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getString(2));
                        }
                    }
                } catch (SQLException e) {
                    throw new StoreException(e);
                }
            });
            return out;
        });
    }

    private static Map<String, Map<Platform, String>> read(Connection c, String sql, String modelId) throws SQLException {
        Map<String, Map<Platform, String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (modelId != null) {
                ps.setString(1, modelId);
            }
            collect(ps, out);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    private static void collect(PreparedStatement ps, Map<String, Map<Platform, String>> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(Platform.class))
                        .put(Platform.valueOf(rs.getString(2)), rs.getString(3));
            }
        }
    }
}
