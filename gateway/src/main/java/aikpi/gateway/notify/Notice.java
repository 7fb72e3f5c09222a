package aikpi.gateway.notify;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * One thing worth telling someone: what a rule found, as the CloudEvent every channel renders. {@code id} is stable
 * (the same finding always has the same id), so a receiver that dedups on it sees each finding once.
 *
 * @param type   one of {@link NoticeTypes}
 * @param scope  the group or a business unit the notice is about
 * @param period the review period (FY2026-Q2), when it is about one
 * @param kpiId  the KPI, when it is about one
 * @param data   the finding's figures (before and after, the source, the reason), in JSON-friendly values
 */
public record Notice(String id, String type, Instant time, String scope, @Nullable String period,
                     @Nullable String kpiId, Map<String, Object> data) {
}
