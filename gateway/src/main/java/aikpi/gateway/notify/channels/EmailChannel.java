package aikpi.gateway.notify.channels;

import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A notice as an e-mail to the subscription's address, over SMTP through the configured server
 * ({@code gateway.notify.email.*}): a {@code multipart/alternative} of a plain-text and an HTML part, both rendered
 * from one Thymeleaf template per language ({@code notify/email/notice_zh.html}, {@code notice_en.html}, fragments
 * {@code subject}, {@code text} and {@code html}), saying the type in words, the scope, the period, the KPI, the
 * before and after, and the dashboard link made absolute with the gateway's public URL ({@link NoticeText#link}). The notice's id is the
 * message's {@code X-Notice-Id} (for dedup). A recipient the server refuses for good (5xx) is permanent; a server
 * that cannot be reached or answers 4xx is tried again. Present only with {@code GATEWAY_SMTP_HOST}.
 */
@Singleton
@Requires(property = "gateway.notify.email.host", pattern = ".+")
public class EmailChannel implements Channel {

    public static final String NAME = "email";
    public static final String NOTICE_ID = "X-Notice-Id";

    private final JsonMapper json;
    private final Clock clock;
    private final Session session;
    private final String from;
    private final String user;
    private final String password;
    private final NoticeText text;
    private final TemplateEngine templates;

    public EmailChannel(JsonMapper json, Clock clock,
                        @Value("${gateway.notify.email.host}") String host,
                        @Value("${gateway.notify.email.port:587}") int port,
                        @Value("${gateway.notify.email.from:aikpi-gateway@localhost}") String from,
                        @Value("${gateway.notify.email.user:}") String user,
                        @Value("${gateway.notify.email.password:}") String password,
                        @Value("${gateway.notify.email.starttls:true}") boolean starttls,
                        @Value("${gateway.notify.timeout:10s}") Duration timeout, NoticeText text) {
        this.json = json;
        this.clock = clock;
        this.from = from;
        this.user = user == null || user.isBlank() ? null : user;
        this.password = password;
        this.text = text;
        String millis = Long.toString(timeout.toMillis());
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.auth", Boolean.toString(this.user != null));
        p.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
        p.put("mail.smtp.starttls.required", Boolean.toString(starttls));
        p.put("mail.smtp.connectiontimeout", millis);
        p.put("mail.smtp.timeout", millis);
        p.put("mail.smtp.writetimeout", millis);
        this.session = Session.getInstance(p);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailChannel.class.getClassLoader());
        resolver.setPrefix("notify/email/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        this.templates = new TemplateEngine();
        this.templates.setTemplateResolver(resolver);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(CloudEvent notice, Recipient to) throws DeliveryException {
        InternetAddress address;
        try {
            address = new InternetAddress(to.target(), true);
        } catch (AddressException e) {
            throw DeliveryException.permanent("the target is not an e-mail address");
        }
        String language = "zh".equals(to.language()) ? "zh" : "en";
        Context model = new Context(Locale.forLanguageTag(language), model(notice));
        String template = "notice_" + language;
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, address);
            message.setSubject(render(template, "subject", model).strip().replaceAll("\\s+", " "), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader(NOTICE_ID, notice.getId());
            message.setHeader("Content-Language", language);
            MimeBodyPart text = new MimeBodyPart();
            text.setText(render(template, "text", model).strip() + "\n", "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText("<!DOCTYPE html>\n<html lang=\"" + language + "\"><head><meta charset=\"UTF-8\"></head><body>"
                    + render(template, "html", model).strip() + "</body></html>\n", "UTF-8", "html");
            MimeMultipart parts = new MimeMultipart("alternative");
            parts.addBodyPart(text);
            parts.addBodyPart(html);
            message.setContent(parts);
            if (user != null) {
                Transport.send(message, user, password);
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            String why = "SMTP delivery to " + address.getAddress().replaceAll(".*@", "…@") + " failed: " + e;
            throw refusedForGood(e) ? DeliveryException.permanent(why)
                    : DeliveryException.retryable(why, e);
        }
    }

    private String render(String template, String fragment, Context model) {
        return templates.process(template, Set.of(fragment), model);
    }

    /** The template's variables: the notice's attributes, its data, and the link made absolute. */
    private Map<String, Object> model(CloudEvent notice) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (notice.getData() != null) {
            try {
                data.putAll(json.readValue(notice.getData().toBytes(), Argument.mapOf(String.class, Object.class)));
            } catch (IOException e) {
                throw new IllegalStateException("the notice's data is not JSON", e);
            }
        }
        Object period = notice.getExtension("period");
        Object kpi = notice.getExtension("kpiid");
        Object link = data.get("link");
        Map<String, Object> model = new LinkedHashMap<>();
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
        return model;
    }

    /** The server refused the recipient for good (5xx to RCPT TO): sending again cannot help. */
    private static boolean refusedForGood(MessagingException e) {
        Exception t = e;
        for (int depth = 0; t != null && depth < 8; depth++) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() >= 500;
            }
            t = t instanceof MessagingException m ? m.getNextException() : null;
        }
        return false;
    }
}
