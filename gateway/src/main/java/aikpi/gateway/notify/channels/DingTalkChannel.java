package aikpi.gateway.notify.channels;

import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.TargetAddressGuard;
import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A notice as a DingTalk custom robot's {@code markdown} message ({@code title}, {@code text}; a digest's from its template, {@link NotifyTemplates}) POSTed to the robot's
 * webhook URL (the subscription's target), in the subscriber's language. With a signing secret (the robot's
 * {@code SEC…}), the URL gets {@code timestamp} (milliseconds) and {@code sign}, the URL-encoded base64 of
 * HMAC-SHA256 over {@code "timestamp\nsecret"} keyed by the secret, as DingTalk's documentation says. DingTalk
 * answers 200 with {@code errcode} 0 on success; a rate limit or "system busy" errcode is tried again, any other
 * errcode (310000: a wrong signature, keyword or IP) is permanent; an HTTP 429 or 5xx is tried again, another 4xx
 * is permanent.
 */
@Singleton
public class DingTalkChannel implements Channel {

    public static final String NAME = "dingtalk";
    /** Errcodes worth trying again: system busy, sending too fast, and the robot's per-minute limit. */
    static final Set<Long> RETRYABLE = Set.of(-1L, 130101L, 410100L);

    private final NoticeText text;
    private final NotifyTemplates templates;
    private final JsonMapper json;
    private final Clock clock;
    private final ChatPost post;

    public DingTalkChannel(NoticeText text, NotifyTemplates templates, JsonMapper json, TargetAddressGuard guard, Clock clock,
                           @Value("${gateway.notify.timeout:10s}") Duration timeout) {
        this.text = text;
        this.templates = templates;
        this.json = json;
        this.clock = clock;
        this.post = new ChatPost(guard, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(CloudEvent notice, Recipient to) throws DeliveryException {
        URI url = URI.create(to.target());
        if (to.secret() != null && !to.secret().isBlank()) {
            long timestamp = clock.millis();
            url = URI.create(to.target() + (to.target().contains("?") ? "&" : "?") + "timestamp=" + timestamp
                    + "&sign=" + sign(timestamp, to.secret()));
        }
        ChatPost.Answer answer = post.post(url, body(notice, to.language()));
        if (answer.status() < 200 || answer.status() >= 300) {
            throw ChatPost.failure("DingTalk", answer);
        }
        Map<String, Object> result;
        try {
            result = json.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            throw DeliveryException.retryable("DingTalk answered 200 without its JSON result" + ChatPost.excerpt(answer.body()));
        }
        Object code = result == null ? null : result.get("errcode");
        if (!(code instanceof Number n)) {
            throw DeliveryException.retryable("DingTalk answered 200 without an errcode" + ChatPost.excerpt(answer.body()));
        }
        if (n.longValue() == 0) {
            return;
        }
        String why = "DingTalk refused the message: errcode " + n.longValue() + " " + result.getOrDefault("errmsg", "");
        throw RETRYABLE.contains(n.longValue()) ? DeliveryException.retryable(why) : DeliveryException.permanent(why);
    }

    /** The robot's markdown message: a notice's facts, or a digest from its template's {@code markdown} form. */
    byte[] body(CloudEvent notice, String language) throws DeliveryException {
        if (NoticeTypes.isDigest(notice.getType())) {
            NotifyTemplates.Prepared digest = templates.prepare(notice, language);
            return message(templates.render(digest, "title"), templates.render(digest, "markdown") + "\n");
        }
        NoticeText.Rendered r = text.render(notice, language);
        StringBuilder md = new StringBuilder("#### ").append(r.title()).append("\n\n");
        r.facts().forEach((label, value) -> md.append("- **").append(label).append("**: ").append(value).append("\n"));
        if (r.reason() != null) {
            md.append("\n").append(r.reason()).append("\n");
        }
        md.append("\n[").append(r.linkLabel()).append("](").append(r.link()).append(")\n");
        return message(r.title(), md.toString());
    }

    private byte[] message(String title, String text) throws DeliveryException {
        Map<String, Object> markdown = new LinkedHashMap<>();
        markdown.put("title", title);
        markdown.put("text", text);
        try {
            return json.writeValueAsBytes(Map.of("msgtype", "markdown", "markdown", markdown));
        } catch (IOException e) {
            throw DeliveryException.permanent("the DingTalk message could not be written: " + e.getMessage());
        }
    }

    /** The URL-encoded base64 of HMAC-SHA256 over {@code "timestamp\nsecret"}, keyed by the secret's UTF-8 bytes. */
    public static String sign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
