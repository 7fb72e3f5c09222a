package aikpi.gateway.notify.channels;

import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.outbox.NoticeEvents;
import io.cloudevents.CloudEvent;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The notices' words, from one Thymeleaf template per kind and language under {@code notify/}: a notice's e-mail
 * ({@code email/notice_zh.html}, {@code notice_en.html}) and a digest ({@code digest/digest_zh.html},
 * {@code digest_en.html}), each with a fragment per form ({@code subject}, {@code text}, {@code html}, and for the
 * digest also {@code markdown} for DingTalk and {@code mrkdwn} for Slack). The model is the CloudEvent's attributes and
 * data, its link made absolute ({@link NoticeText#link}).
 */
@Singleton
public class NotifyTemplates {

    /** A notice ready to render: its template and model. */
    public record Prepared(String template, Context model) {
    }

    /** Slack's mrkdwn escapes, for the {@code mrkdwn} fragments: {@code ${slack.escape(x)}}. */
    public static final class SlackEscape {
        public String escape(Object o) {
            return o == null ? "" : o.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    private static final SlackEscape SLACK = new SlackEscape();

    private final TemplateEngine engine = new TemplateEngine();
    private final NoticeEvents events;
    private final NoticeText text;

    public NotifyTemplates(NoticeEvents events, NoticeText text) {
        this.events = events;
        this.text = text;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(NotifyTemplates.class.getClassLoader());
        resolver.setPrefix("notify/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    /** {@code notice} for a reader of {@code language} ({@code zh}, else English). */
    public Prepared prepare(CloudEvent notice, String language) {
        String lang = "zh".equals(language) ? "zh" : "en";
        boolean digest = NoticeTypes.isDigest(notice.getType());
        String template = digest ? "digest/digest_" + lang : "email/notice_" + lang;
        return new Prepared(template, new Context(Locale.forLanguageTag(lang), model(notice)));
    }

    /** One fragment of a prepared notice, its surrounding blank space stripped. */
    public String render(Prepared p, String fragment) {
        return engine.process(p.template(), Set.of(fragment), p.model()).strip();
    }

    /** The template's variables: the notice's attributes, its data (also each key of it), and the link made absolute. */
    private Map<String, Object> model(CloudEvent notice) {
        Map<String, Object> data = events.data(notice);
        Object period = notice.getExtension("period");
        Object kpi = notice.getExtension("kpiid");
        Object link = data.get("link");
        Map<String, Object> model = new LinkedHashMap<>(data);
        model.put("id", notice.getId());
        model.put("type", notice.getType());
        model.put("scope", notice.getSubject() != null ? notice.getSubject() : data.get("scope"));
        model.put("period", period != null ? period.toString() : data.get("period"));
        model.put("kpi", kpi != null ? kpi.toString() : data.get("kpiId"));
        model.put("time", notice.getTime());
        model.put("before", data.get("before"));
        model.put("after", data.get("after"));
        model.put("reason", data.get("reason"));
        model.put("data", data);
        model.put("link", text.link(link instanceof String s ? s : null));
        model.put("slack", SLACK);
        return model;
    }
}
