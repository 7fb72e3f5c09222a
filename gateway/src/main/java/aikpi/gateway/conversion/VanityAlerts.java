package aikpi.gateway.conversion;

import aikpi.gateway.conversion.VanityAlert.Figure;
import aikpi.gateway.sources.SourceFigures;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the periods where volume rose while the quality paired with it fell or stayed flat ("vanity alert" in the
 * design). Each pair compares the period with the one before it; a pair with a figure missing on either side is
 * not judged. The consumer-app pairs are judged for the group and for each business unit.
 */
public final class VanityAlerts {

    /** Each alert's text in Chinese and English, kept in {@code VanityAlerts.properties} beside this class. */
    static final Map<String, Bilingual> TEXTS = Bilingual.table(VanityAlerts.class, "VanityAlerts.properties");

    private VanityAlerts() {
    }

    public static List<VanityAlert> detect(SourceFigures current, SourceFigures previous) {
        List<VanityAlert> alerts = new ArrayList<>();
        if (current.quark() != null && previous.quark() != null) {
            assistantAlerts(alerts, VanityAlert.GROUP, previous.quark().overall(), current.quark().overall());
            Map<String, QuarkKpis.Group> before = new HashMap<>();
            previous.quark().businessUnits().forEach(g -> before.put(g.businessUnit(), g));
            for (QuarkKpis.Group now : current.quark().businessUnits()) {
                if (now.businessUnit() != null && before.containsKey(now.businessUnit())) {
                    assistantAlerts(alerts, now.businessUnit(), before.get(now.businessUnit()), now);
                }
            }
        }
        TongyiKpis ct = current.tongyi();
        TongyiKpis pt = previous.tongyi();
        if (ct != null && pt != null) {
            Figure downloads = figure(KpiDefinition.DOWNLOADS.id(), pt, ct, t -> BigDecimal.valueOf(t.influence().gained().downloads()));
            check(alerts, "downloads-up-derivatives-not", VanityAlert.GROUP,
                    downloads,
                    figure(KpiDefinition.DERIVATIVES.id(), pt, ct,
                            t -> BigDecimal.valueOf(t.influence().gained().derivatives().total())));
            check(alerts, "downloads-up-active-customers-not", VanityAlert.GROUP,
                    downloads,
                    figure(KpiDefinition.CUSTOMERS_WITH_USAGE.id(), pt, ct, t -> BigDecimal.valueOf(t.customers().active())));
        }
        if (current.billing() != null && previous.billing() != null) {
            check(alerts, "ai-revenue-up-only-vouchers", VanityAlert.GROUP,
                    figure(KpiDefinition.AI_ATTRIBUTED_REVENUE.id(), previous.billing(), current.billing(), b -> b.aiRevenueCny()),
                    figure(KpiDefinition.AI_CASH_REVENUE.id(), previous.billing(), current.billing(), b -> b.aiCashRevenueCny()));
        }
        return alerts;
    }

    private static void assistantAlerts(List<VanityAlert> alerts, String scope, QuarkKpis.Group pq, QuarkKpis.Group cq) {
        Figure lift = figure(KpiDefinition.AI_LIFT.id(), pq, cq, g -> g.retention() == null ? null : g.retention().aiLiftPp());
        Figure aiUsers = figure(KpiDefinition.AI_USERS.id(), pq, cq, g -> BigDecimal.valueOf(g.aiUsers()));
        // Not "fell or flat" as the others: AI users that do not stay better than the rest are no lift at all.
        if (aiUsers.current().compareTo(aiUsers.previous()) > 0 && lift.current() != null && lift.current().signum() <= 0) {
            alerts.add(alert("ai-users-up-lift-not", scope, aiUsers, lift));
        }
        check(alerts, "turns-up-resolution-not", scope,
                figure(KpiDefinition.TURNS.id(), pq, cq, g -> BigDecimal.valueOf(g.volume().turns())),
                figure(KpiDefinition.RESOLUTION_RATE.id(), pq, cq, g -> g.quality().resolutionRate()));
        check(alerts, "sessions-up-conversion-not", scope,
                figure(KpiDefinition.AI_SESSIONS.id(), pq, cq, g -> BigDecimal.valueOf(g.volume().aiSessions())),
                figure(KpiDefinition.CONVERSION_RATE.id(), pq, cq, g -> g.quality().conversionRate()));
    }

    /** An alert with its text in both languages; {@code message} stays the English one, as the API always gave it. */
    private static VanityAlert alert(String id, String scope, Figure volume, Figure quality) {
        Bilingual text = TEXTS.get(id);
        return new VanityAlert(id, scope, text.en(), text, volume, quality);
    }

    private static <T> Figure figure(String id, T previous, T current, Function<T, BigDecimal> value) {
        return new Figure(id, value.apply(previous), value.apply(current));
    }

    /** Alerts when the volume figure rose and the quality figure did not rise. */
    private static void check(List<VanityAlert> alerts, String id, String scope, Figure volume, Figure quality) {
        if (volume.previous() == null || volume.current() == null || quality.previous() == null || quality.current() == null) {
            return;
        }
        if (volume.current().compareTo(volume.previous()) > 0 && quality.current().compareTo(quality.previous()) <= 0) {
            alerts.add(alert(id, scope, volume, quality));
        }
    }
}
