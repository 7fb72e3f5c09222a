package aikpi.gateway.notify.channels;

import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

/**
 * A notice as an e-mail to the subscription's address, over SMTP through the configured server
 * ({@code gateway.notify.email.*}): a {@code multipart/alternative} of a plain-text and an HTML part, both rendered
 * from one Thymeleaf template per language ({@link NotifyTemplates}: a notice's or a digest's; fragments
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

    private final Clock clock;
    private final Session session;
    private final String from;
    private final String user;
    private final String password;
    private final NotifyTemplates templates;

    public EmailChannel(Clock clock,
                        @Value("${gateway.notify.email.host}") String host,
                        @Value("${gateway.notify.email.port:587}") int port,
                        @Value("${gateway.notify.email.from:aikpi-gateway@localhost}") String from,
                        @Value("${gateway.notify.email.user:}") String user,
                        @Value("${gateway.notify.email.password:}") String password,
                        @Value("${gateway.notify.email.starttls:true}") boolean starttls,
                        @Value("${gateway.notify.timeout:10s}") Duration timeout, NotifyTemplates templates) {
        this.clock = clock;
        this.from = from;
        this.user = user == null || user.isBlank() ? null : user;
        this.password = password;
        this.templates = templates;
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
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(CloudEvent event, Recipient to) throws DeliveryException {
        InternetAddress address;
        try {
            address = new InternetAddress(to.target(), true);
        } catch (AddressException e) {
            throw DeliveryException.permanent("the target is not an e-mail address");
        }
        String language = "zh".equals(to.language()) ? "zh" : "en";
        NotifyTemplates.Prepared notice = templates.prepare(event, language);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, address);
            message.setSubject(templates.render(notice, "subject").replaceAll("\\s+", " "), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader(NOTICE_ID, event.getId());
            message.setHeader("Content-Language", language);
            MimeBodyPart text = new MimeBodyPart();
            text.setText(templates.render(notice, "text") + "\n", "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText("<!DOCTYPE html>\n<html lang=\"" + language + "\"><head><meta charset=\"UTF-8\"></head><body>"
                    + templates.render(notice, "html") + "</body></html>\n", "UTF-8", "html");
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
