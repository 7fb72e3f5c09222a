package aikpi.gateway.notify.digests;

import aikpi.gateway.notify.Notice;
import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.rules.NoticeRules;
import aikpi.gateway.notify.subscriptions.Subscription;
import aikpi.gateway.reviews.Review;
import aikpi.gateway.reviews.Review.KpiReview;
import aikpi.gateway.reviews.Review.ScopeReview;
import aikpi.gateway.sources.SourceReport;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a digest says, as the notice every channel renders: for each of the subscription's scopes its score, score at
 * pace, rank and KPIs by status in the running quarter's live review; the KPIs whose status changed, the floors broken
 * and restored and the vanity alerts fired among the notices held since the last digest; and how complete each
 * source is. The digest's id names the subscription, cadence and slot, so a slot makes one digest for a subscriber
 * however often it is composed.
 */
final class DigestComposer {

    /** A notice held for the digest: its type and its data (scope, period, KPI and the rule's figures). */
    record HeldNotice(String type, Map<String, Object> data) {
    }

    private DigestComposer() {
    }

    static String id(Subscription s, DigestCadence cadence, ZonedDateTime slot) {
        return "digest-" + cadence.label() + "-" + slot.toLocalDate() + "-" + s.id();
    }

    /**
     * The digest of {@code s} for {@code slot}. {@code review} is the running quarter's live review, null when it could
     * not be computed (then {@code unavailable} says why, and the digest still tells what was held).
     */
    static Notice compose(Subscription s, DigestCadence cadence, ZonedDateTime slot, Period period,
                          @Nullable Review review, @Nullable String unavailable, List<HeldNotice> held) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cadence", cadence.label());
        data.put("slot", slot.toOffsetDateTime().toString());
        data.put("since", cadence.previous(slot).toOffsetDateTime().toString());
        data.put("scopes", scopes(s, review));
        data.put("reviewUnavailable", review == null ? unavailable : null);
        List<Map<String, Object>> changes = new ArrayList<>();
        List<Map<String, Object>> broken = new ArrayList<>();
        List<Map<String, Object>> restored = new ArrayList<>();
        List<Map<String, Object>> alerts = new ArrayList<>();
        List<Map<String, Object>> sourceNotices = new ArrayList<>();
        for (HeldNotice h : held) {
            Map<String, Object> item = item(h.data());
            switch (h.type()) {
                case NoticeTypes.STATUS_CHANGED -> changes.add(item);
                case NoticeTypes.FLOOR_BROKEN -> broken.add(item);
                case NoticeTypes.FLOOR_RESTORED -> restored.add(item);
                case NoticeTypes.VANITY_FIRED -> alerts.add(item);
                default -> sourceNotices.add(item);
            }
        }
        data.put("statusChanges", changes);
        data.put("floorsBroken", broken);
        data.put("floorsRestored", restored);
        data.put("alertsFired", alerts);
        data.put("otherNotices", sourceNotices);
        data.put("sources", review == null ? List.of() : sources(review.sources()));
        data.put("link", NoticeRules.dashboardLink(period));
        String scope = String.join(",", s.scopes());
        return new Notice(id(s, cadence, slot), cadence.type(), slot.toInstant(),
                scope.length() > 64 ? scope.substring(0, 64) : scope, period.label(), null, data);
    }

    /** Each subscribed scope as the review has it: score, score at pace, rank among the units, KPIs by status. */
    private static List<Map<String, Object>> scopes(Subscription s, @Nullable Review review) {
        List<Map<String, Object>> out = new ArrayList<>();
        long ranked = review == null ? 0 : review.scopes().stream().filter(r -> r.rank() != null).count();
        for (String scope : s.scopes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scope", scope);
            ScopeReview r = review == null ? null
                    : review.scopes().stream().filter(x -> x.scope().equals(scope)).findFirst().orElse(null);
            if (r != null) {
                m.put("score", r.score());
                m.put("scoreAtPace", r.scoreAtPace());
                m.put("rank", r.rank());
                m.put("ranked", r.rank() == null ? null : ranked);
                m.put("targets", r.targets());
                Map<Review.Status, Integer> byStatus = new EnumMap<>(Review.Status.class);
                for (KpiReview k : r.kpis()) {
                    byStatus.merge(k.status(), 1, Integer::sum);
                }
                Map<String, Integer> statuses = new LinkedHashMap<>();
                byStatus.forEach((status, n) -> statuses.put(status.name(), n));
                m.put("statuses", statuses);
            }
            out.add(m);
        }
        return out;
    }

    /** A held notice's line: its scope, period, KPI, before and after values, and its reason. */
    private static Map<String, Object> item(Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", data.get("scope"));
        m.put("period", data.get("period"));
        m.put("kpiId", data.get("kpiId"));
        m.put("before", value(data.get("before")));
        m.put("after", value(data.get("after")));
        m.put("message", data.get("message"));
        m.put("source", data.get("source"));
        m.put("reason", data.get("reason"));
        return m;
    }

    private static @Nullable Object value(@Nullable Object side) {
        return side instanceof Map<?, ?> m ? m.get("value") : side;
    }

    private static List<Map<String, Object>> sources(Map<String, SourceReport> reports) {
        List<Map<String, Object>> out = new ArrayList<>();
        reports.forEach((service, r) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", service);
            m.put("status", r.status().name());
            m.put("dataThrough", r.dataThrough() == null ? null : r.dataThrough().toString());
            m.put("final", r.isFinal());
            out.add(m);
        });
        return out;
    }
}
