package aikpi.tongyi.hubstats;

import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.PayloadTooLargeException;
import aikpi.tongyi.models.ModelHubIds;
import aikpi.platform.json.JsonTrees;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Hugging Face Hub model listing ({@code GET /api/models?author=...}, the JSON array the Hub answers; the fields of
 * {@code huggingface_hub}'s {@code ModelInfo}) turned into hub snapshots of the models tongyi tracks.
 *
 * <ul>
 *   <li>A listed model is tongyi's when its {@code id} is a model's {@code hubIds.HUGGING_FACE}; the others are
 *       counted as unmatched.</li>
 *   <li>Downloads are {@code downloadsAllTime}: a snapshot holds all-time totals, and the listing's {@code downloads}
 *       counts only the last 30 days (as {@code ModelInfo} documents it), so a listing without
 *       {@code downloadsAllTime} for a matched model is refused (list with {@code expand[]=downloadsAllTime}).</li>
 *   <li>Derivatives: every listed model's tags {@code base_model:finetune:<id>}, {@code base_model:quantized:<id>},
 *       {@code base_model:adapter:<id>} and {@code base_model:merge:<id>} count one derivative of that kind for the
 *       model {@code <id>} names. Only what is listed is counted: a listing by author counts that author's
 *       derivatives; a listing filtered by {@code base_model:...} counts the whole hub's.</li>
 * </ul>
 * The snapshots are recorded as {@code POST /api/v1/models/{id}/hub-stats} records them (a re-sent model and date
 * replaces its snapshot), all in one transaction.
 */
@Singleton
public class HuggingFaceListing {

    static final int MAX_MODELS = 100_000;
    /** The tag prefix of each derivative kind, in the order of {@link HubSnapshotRequest.DerivativeCounts}. */
    private static final List<String> KINDS = List.of("base_model:finetune:", "base_model:quantized:",
            "base_model:adapter:", "base_model:merge:");

    private final JsonMapper json;
    private final ModelHubIds hubIds;
    private final HubStatsService hubStats;
    private final Clock clock;
    private final ReportingZone zone;

    public HuggingFaceListing(JsonMapper json, ModelHubIds hubIds, HubStatsService hubStats, Clock clock,
                              ReportingZone zone) {
        this.json = json;
        this.hubIds = hubIds;
        this.hubStats = hubStats;
        this.clock = clock;
        this.zone = zone;
    }

    /** One tracked model the listing named: what its snapshot records. */
    @Serdeable
    public record Matched(String modelId, String hubId, long downloads, long likes,
                          HubSnapshotRequest.DerivativeCounts derivatives, boolean replaced) {
    }

    /** What an import did. */
    @Serdeable
    public record Imported(LocalDate asOf, int listed, List<Matched> matched, int unmatched, long derivativeTags)
            implements AuditedResult {
        /** The models listed, and those tracked here whose snapshot the import recorded. */
        @Override
        public AuditCounts auditCounts() {
            return new AuditCounts((long) listed, (long) matched.size(), 0L, "IMPORTED");
        }
    }

    @Transactional
    public Imported importListing(byte[] body, LocalDate asOf) {
        LocalDate day = asOf == null ? zone.today(clock) : asOf;
        if (day.isAfter(zone.today(clock))) {
            throw new InvalidRequestException("asOf " + day + " is in the future: a listing is what the hub showed on a day that has begun.");
        }
        JsonNode listing = JsonTrees.read(json, body);
        if (listing == null || !listing.isArray()) {
            throw new InvalidRequestException("The body is the JSON array the Hub's GET /api/models answers.");
        }
        List<JsonNode> entries = new ArrayList<>();
        listing.values().forEach(entries::add);
        if (entries.size() > MAX_MODELS) {
            throw new PayloadTooLargeException(entries.size(), MAX_MODELS);
        }
        BatchErrors errors = new BatchErrors();
        List<String> ids = new ArrayList<>(entries.size());
        Map<String, long[]> derivatives = new HashMap<>();
        long derivativeTags = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String id = JsonTrees.text(e, "id") != null ? JsonTrees.text(e, "id") : JsonTrees.text(e, "modelId");
            ids.add(id);
            if (id == null || id.isBlank()) {
                errors.add(i, null, "id", "every listed model has an id such as \"Qwen/Qwen3-8B\"");
                continue;
            }
            JsonNode tags = JsonTrees.member(e, "tags");
            if (tags != null && !tags.isNull()) {
                if (!tags.isArray()) {
                    errors.add(i, id, "tags", "must be an array of strings");
                    continue;
                }
                for (JsonNode t : tags.values()) {
                    for (int kind = 0; kind < KINDS.size(); kind++) {
                        if (t.isString() && t.getStringValue().startsWith(KINDS.get(kind))) {
                            derivatives.computeIfAbsent(t.getStringValue().substring(KINDS.get(kind).length()),
                                    x -> new long[KINDS.size()])[kind]++;
                            derivativeTags++;
                        }
                    }
                }
            }
        }
        Map<String, String> tracked = hubIds.modelsOf(Platform.HUGGING_FACE, ids.stream().filter(x -> x != null).toList());
        Map<String, HubSnapshotRequest> snapshots = new TreeMap<>();
        Map<String, String> hubIdOf = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String id = ids.get(i);
            String model = id == null ? null : tracked.get(id);
            if (model == null) {
                continue;
            }
            JsonNode e = entries.get(i);
            Long downloads = count(i, id, e, "downloadsAllTime", errors,
                    "is required for a tracked model: a snapshot holds all-time downloads, and the listing's "
                            + "\"downloads\" counts only the last 30 days; list with expand[]=downloadsAllTime");
            Long likes = count(i, id, e, "likes", errors, "is required for a tracked model");
            if (snapshots.containsKey(model)) {
                errors.add(i, id, "id", "lists model '" + id + "' twice");
                continue;
            }
            if (downloads != null && likes != null) {
                long[] d = derivatives.getOrDefault(id, new long[KINDS.size()]);
                snapshots.put(model, new HubSnapshotRequest(day, Platform.HUGGING_FACE, downloads, likes,
                        new HubSnapshotRequest.DerivativeCounts(d[0], d[1], d[2], d[3])));
                hubIdOf.put(model, id);
            }
        }
        errors.throwIfAny();
        List<Matched> matched = new ArrayList<>();
        snapshots.forEach((model, s) -> {
            HubStatsService.SnapshotResult r = hubStats.record(model, List.of(s));
            matched.add(new Matched(model, hubIdOf.get(model), s.downloads(), s.likes(), s.derivatives(), r.replaced() > 0));
        });
        return new Imported(day, entries.size(), matched, entries.size() - matched.size(), derivativeTags);
    }

    private static Long count(int i, String id, JsonNode e, String field, BatchErrors errors, String missing) {
        JsonNode v = JsonTrees.member(e, field);
        if (v == null || v.isNull()) {
            errors.add(i, id, field, missing);
            return null;
        }
        Long count = JsonTrees.longValue(v);
        if (count == null || count < 0) {
            errors.add(i, id, field, "must be a whole, non-negative number (was " + JsonTrees.json(v) + ")");
            return null;
        }
        return count;
    }
}
