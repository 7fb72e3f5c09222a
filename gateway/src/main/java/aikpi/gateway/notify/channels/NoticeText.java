package aikpi.gateway.notify.channels;

import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.outbox.NoticeEvents;
import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notice in words for a person, in the subscriber's language ({@code zh} or {@code en}): a title (the type in
 * words), the facts (scope, period, KPI, before and after, as the notice's data has them), its reason sentence, and
 * the link to the dashboard made absolute with the gateway's public URL ({@code GATEWAY_PUBLIC_URL}). The chat
 * channels (DingTalk, Slack) lay these out each in their own format.
 */
@Singleton
public class NoticeText {

    /** What a chat message says. {@code facts}: label → value, in order, only those the notice has. */
    public record Rendered(String title, Map<String, String> facts, String reason, String link, String linkLabel) {
    }

    private static final Map<String, String[]> TYPES = Map.of(
            NoticeTypes.STATUS_CHANGED, new String[] {"KPI status changed", "KPI 状态变化"},
            NoticeTypes.FLOOR_BROKEN, new String[] {"Quality floor broken", "质量底线被突破"},
            NoticeTypes.FLOOR_RESTORED, new String[] {"Quality floor met again", "质量底线恢复达标"},
            NoticeTypes.VANITY_FIRED, new String[] {"Vanity alert fired", "虚荣指标告警"},
            NoticeTypes.SOURCE_STALE, new String[] {"Data source stale", "数据源延迟"},
            NoticeTypes.SOURCE_RECOVERED, new String[] {"Data source recovered", "数据源已恢复"},
            NoticeTypes.REVIEW_SEALED, new String[] {"Review sealed", "评审已封存"});

    private static final String DASHBOARD = "/dashboard/index.html";

    private final NoticeEvents events;
    private final String publicUrl;

    public NoticeText(NoticeEvents events, @Value("${gateway.public-url:`http://localhost:8080`}") String publicUrl) {
        this.events = events;
        String base = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.trim();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public Rendered render(CloudEvent notice, String language) {
        boolean zh = "zh".equals(language);
        Map<String, Object> data = data(notice);
        String[] words = TYPES.get(notice.getType());
        String title = words == null ? notice.getType() : words[zh ? 1 : 0];
        Map<String, String> facts = new LinkedHashMap<>();
        put(facts, zh ? "范围" : "Scope", text(data.getOrDefault("scope", notice.getSubject())));
        put(facts, zh ? "周期" : "Period", text(data.get("period")));
        put(facts, "KPI", text(data.get("kpiId")));
        put(facts, zh ? "之前" : "Before", side(data.get("before")));
        put(facts, zh ? "之后" : "After", side(data.get("after")));
        put(facts, zh ? "版本" : "Version", text(data.get("version")));
        String reason = text(data.get("reason"));
        return new Rendered(title, facts, reason, link(text(data.get("link"))), zh ? "打开看板" : "Open the dashboard");
    }

    /** {@code link} (a path of the gateway, or absolute already) as an absolute URL; the dashboard when there is none. */
    public String link(String link) {
        if (link == null || link.isBlank()) {
            return publicUrl + DASHBOARD;
        }
        if (link.startsWith("http://") || link.startsWith("https://")) {
            return link;
        }
        return publicUrl + (link.startsWith("/") ? link : "/" + link);
    }

    /** The notice's data; a notice whose data is not JSON is still told, by its type and link alone. */
    private Map<String, Object> data(CloudEvent notice) {
        try {
            return events.data(notice);
        } catch (IllegalStateException e) {
            return Map.of();
        }
    }

    private static void put(Map<String, String> facts, String label, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(label, value);
        }
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    /** A {@code before}/{@code after} side: its value, with its figure in brackets when it has one. */
    private static String side(Object o) {
        if (o instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            if (m.get("value") != null) {
                parts.add(m.get("value").toString());
            }
            if (m.get("figure") != null) {
                parts.add("(" + m.get("figure") + ")");
            }
            return parts.isEmpty() ? null : String.join(" ", parts);
        }
        return text(o);
    }
}
