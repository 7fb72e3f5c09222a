package aikpi.gateway.notify.channels;

import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.TargetAddressGuard;
import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notice as a Slack incoming-webhook message with Block Kit, in the subscriber's language: {@code text} the
 * fallback for notifications, {@code blocks} a header (the type in words) and a section with the reason and the
 * dashboard's link and mrkdwn fields (scope, period, KPI, before, after); a digest's section is its template's {@code mrkdwn} form
 * ({@link NotifyTemplates}). POSTed to the webhook URL (the target,
 * itself the secret); Slack answers 200 {@code ok}. A 429 or 5xx is tried again, another 4xx (a revoked webhook, a
 * refused payload) is permanent.
 */
@Singleton
public class SlackChannel implements Channel {

    public static final String NAME = "slack";
    private static final int MAX_HEADER = 150;
    private static final int MAX_FIELDS = 10;
    /** Block Kit's limit on a section's text. */
    private static final int MAX_SECTION = 3000;

    private final NoticeText text;
    private final NotifyTemplates templates;
    private final JsonMapper json;
    private final ChatPost post;

    public SlackChannel(NoticeText text, NotifyTemplates templates, JsonMapper json, TargetAddressGuard guard,
                        @Value("${gateway.notify.timeout:10s}") Duration timeout) {
        this.text = text;
        this.templates = templates;
        this.json = json;
        this.post = new ChatPost(guard, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(CloudEvent notice, Recipient to) throws DeliveryException {
        ChatPost.Answer answer = post.post(URI.create(to.target()), body(notice, to.language()));
        if (answer.status() < 200 || answer.status() >= 300) {
            throw ChatPost.failure("Slack", answer);
        }
    }

    byte[] body(CloudEvent notice, String language) throws DeliveryException {
        if (NoticeTypes.isDigest(notice.getType())) {
            NotifyTemplates.Prepared digest = templates.prepare(notice, language);
            String title = templates.render(digest, "title");
            String text = templates.render(digest, "mrkdwn");
            Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                    "text", text.length() > MAX_SECTION ? text.substring(0, MAX_SECTION - 1) + "…" : text));
            return write(title, List.of(header(title), section));
        }
        NoticeText.Rendered r = text.render(notice, language);
        List<Map<String, Object>> fields = new ArrayList<>();
        r.facts().entrySet().stream().limit(MAX_FIELDS).forEach(f -> fields.add(
                Map.of("type", "mrkdwn", "text", "*" + f.getKey() + "*\n" + escape(f.getValue()))));
        String lead = (r.reason() == null ? "" : escape(r.reason()) + "\n") + "<" + r.link() + "|" + r.linkLabel() + ">";
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", "section");
        section.put("text", Map.of("type", "mrkdwn", "text", lead));
        section.put("fields", fields);
        return write(r.title() + (r.facts().isEmpty() ? "" : ": " + String.join(" · ", r.facts().values())),
                List.of(header(r.title()), section));
    }

    private static Map<String, Object> header(String title) {
        String header = title.length() > MAX_HEADER ? title.substring(0, MAX_HEADER) : title;
        return Map.of("type", "header", "text", Map.of("type", "plain_text", "text", header));
    }

    private byte[] write(String fallback, List<Map<String, Object>> blocks) throws DeliveryException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", fallback);
        message.put("blocks", blocks);
        try {
            return json.writeValueAsBytes(message);
        } catch (IOException e) {
            throw DeliveryException.permanent("the Slack message could not be written: " + e.getMessage());
        }
    }

    /** Slack's mrkdwn escapes: {@code &}, {@code <}, {@code >}. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
