package aikpi.gateway.notify.channels;

import aikpi.gateway.notify.TargetAddressGuard;
import aikpi.gateway.notify.outbox.NoticeEvents;
import aikpi.gateway.notify.subscriptions.SubscriptionRules;
import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A notice as an HTTP POST of its structured-mode CloudEvent ({@code application/cloudevents+json}), signed as the
 * Standard Webhooks specification says: {@code webhook-id} the notice's stable id (a receiver dedups on it),
 * {@code webhook-timestamp} the time of sending in seconds, and {@code webhook-signature}
 * {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body" under the secret's base64-decoded bytes>}. A 2xx answer is
 * delivered; 410 Gone is permanent (the receiver says it is gone for good); any other answer or an I/O failure is
 * tried again. Redirects are not followed (a redirect could lead past the SSRF guard), and the target's host is
 * checked again on the addresses it resolves to now.
 */
@Singleton
public class WebhookChannel implements Channel {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private final NoticeEvents events;
    private final TargetAddressGuard guard;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookChannel(NoticeEvents events, TargetAddressGuard guard, Clock clock,
                          @Value("${gateway.notify.timeout:10s}") Duration timeout) {
        this.events = events;
        this.guard = guard;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return SubscriptionRules.WEBHOOK;
    }

    @Override
    public void deliver(CloudEvent notice, Recipient to) throws DeliveryException {
        URI url = URI.create(to.target());
        Optional<String> refused = guard.refusal(url);
        if (refused.isPresent()) {
            throw DeliveryException.permanent("target " + url.getHost() + " " + refused.get());
        }
        if (to.secret() == null) {
            throw DeliveryException.permanent("the subscription has no signing secret");
        }
        byte[] body = events.structured(notice);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", NoticeEvents.CONTENT_TYPE)
                .header(ID, notice.getId())
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, signature(key(to.secret()), notice.getId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw DeliveryException.retryable("POST " + url.getHost() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("interrupted while posting to " + url.getHost());
        }
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String why = "the receiver answered " + status;
        throw status == 410 ? DeliveryException.permanent(why + " (gone)") : DeliveryException.retryable(why);
    }

    /** {@code v1,} + base64 of HMAC-SHA256 over {@code id.timestamp.body}. */
    public static String signature(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The key bytes of a secret ({@code whsec_} + base64, or base64 alone as an environment variable may hold it). */
    static byte[] key(String secret) throws DeliveryException {
        String base64 = secret.startsWith(SubscriptionRules.WEBHOOK_SECRET_PREFIX)
                ? secret.substring(SubscriptionRules.WEBHOOK_SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("the subscription's secret is not a Standard Webhooks secret (base64)");
        }
    }
}
