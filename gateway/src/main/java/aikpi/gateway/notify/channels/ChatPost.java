package aikpi.gateway.notify.channels;

import aikpi.gateway.notify.TargetAddressGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A JSON POST to a chat service's webhook, as the chat channels make it: the SSRF guard checked at delivery on the
 * addresses the host resolves to now, redirects not followed, an I/O failure retryable, and the answer's status and
 * body returned for the channel to judge.
 */
final class ChatPost {

    record Answer(int status, String body) {
    }

    private final TargetAddressGuard guard;
    private final Duration timeout;
    private final HttpClient http;

    ChatPost(TargetAddressGuard guard, Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Answer post(URI url, byte[] json) throws DeliveryException {
        Optional<String> refused = guard.refusal(url);
        if (refused.isPresent()) {
            throw DeliveryException.permanent("target " + url.getHost() + " " + refused.get());
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body() == null ? "" : answer.body());
        } catch (IOException e) {
            throw DeliveryException.retryable("POST " + url.getHost() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("interrupted while posting to " + url.getHost());
        }
    }

    /** An HTTP answer that is not 2xx: 429 and 5xx retryable, any other permanent. */
    static DeliveryException failure(String service, Answer answer) {
        String why = service + " answered " + answer.status() + excerpt(answer.body());
        return answer.status() == 429 || answer.status() >= 500 ? DeliveryException.retryable(why)
                : DeliveryException.permanent(why);
    }

    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
    }
}
