package aikpi.gateway.notify.subscriptions;

import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.TargetAddressGuard;
import aikpi.gateway.targets.InvalidTargetException.FieldError;
import aikpi.gateway.targets.TargetRules;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a subscription may be. Scopes: {@code group} or configured units; types: {@link NoticeTypes}; channel one of
 * {@link #CHANNELS}; the target an http(s) URL for the web channels (never one of the gateway's own network, see
 * {@link TargetAddressGuard}), an e-mail address for email; a webhook's secret a Standard Webhooks secret
 * ({@code whsec_} + base64 of 24 to 64 bytes) or {@code env:NAME}, a DingTalk robot's its signing secret or
 * {@code env:NAME}, none for Slack (its URL is its secret) or email. Every field at fault is named at once.
 */
@Singleton
public class SubscriptionRules {

    public static final String WEBHOOK = "webhook";
    public static final List<String> CHANNELS = List.of(WEBHOOK, "dingtalk", "slack", "email");
    public static final List<String> LANGUAGES = List.of("zh", "en");
    public static final List<String> DIGESTS = List.of("none", "daily", "weekly");
    public static final String WEBHOOK_SECRET_PREFIX = "whsec_";

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    // Deliberately plain: one @, no spaces, a dot in the domain; the mail server is the final judge of the rest.
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final int MAX_TARGET = 2000;
    private static final int MAX_SECRET = 500;

    private final TargetRules targets;
    private final TargetAddressGuard guard;
    private final SecureRandom random = new SecureRandom();

    public SubscriptionRules(TargetRules targets, TargetAddressGuard guard) {
        this.targets = targets;
        this.guard = guard;
    }

    /** A request made whole and checked: defaults filled in, lists without repeats. */
    public record Checked(List<String> scopes, List<String> types, String channel, String target,
                          @Nullable String secret, String language, String digest) {
    }

    /** @throws InvalidSubscriptionException naming every field at fault */
    public Checked check(String id, SubscriptionRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (!ID.matcher(id).matches()) {
            errors.add(new FieldError("id", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit"));
        }
        List<String> scopes = distinct(r.scopes());
        if (scopes.isEmpty()) {
            errors.add(new FieldError("scopes", "must name at least one scope: " + targets.scopes()));
        }
        for (String scope : scopes) {
            if (!targets.scopes().contains(scope)) {
                errors.add(new FieldError("scopes", "'" + scope + "' is not a scope; valid: " + targets.scopes()));
            }
        }
        List<String> types = distinct(r.types());
        if (types.isEmpty()) {
            errors.add(new FieldError("types", "must name at least one notice type: " + NoticeTypes.ALL));
        }
        for (String type : types) {
            if (!NoticeTypes.ALL.contains(type)) {
                errors.add(new FieldError("types", "'" + type + "' is not a notice type; valid: " + NoticeTypes.ALL));
            }
        }
        String channel = r.channel();
        if (channel == null || !CHANNELS.contains(channel)) {
            errors.add(new FieldError("channel", "must be one of " + CHANNELS + (channel == null ? "" : " (was '"
                    + channel + "')")));
        }
        String target = r.target() == null ? "" : r.target().trim();
        if (channel != null && CHANNELS.contains(channel)) {
            checkTarget(channel, target, errors);
            checkSecret(channel, r.secret(), errors);
        }
        String language = r.language() == null ? "en" : r.language();
        if (!LANGUAGES.contains(language)) {
            errors.add(new FieldError("language", "must be one of " + LANGUAGES + " (was '" + language + "')"));
        }
        String digest = r.digest() == null ? "none" : r.digest();
        if (!DIGESTS.contains(digest)) {
            errors.add(new FieldError("digest", "must be one of " + DIGESTS + " (was '" + digest + "')"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSubscriptionException(errors);
        }
        return new Checked(scopes, types, channel, target, r.secret(), language, digest);
    }

    private void checkTarget(String channel, String target, List<FieldError> errors) {
        if (target.isEmpty() || target.length() > MAX_TARGET) {
            errors.add(new FieldError("target", "must be given, at most " + MAX_TARGET + " characters"));
            return;
        }
        if (channel.equals("email")) {
            if (!EMAIL.matcher(target).matches() || target.length() > 254) {
                errors.add(new FieldError("target", "'" + target + "' is not an e-mail address"));
            }
            return;
        }
        URI url;
        try {
            url = new URI(target);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("target", "is not a URL: " + e.getReason()));
            return;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            errors.add(new FieldError("target", "must be an http or https URL"));
            return;
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            errors.add(new FieldError("target", "must name a host, and no user or password in the URL"));
            return;
        }
        guard.refusal(url).ifPresent(why -> errors.add(new FieldError("target", why)));
    }

    private static void checkSecret(String channel, @Nullable String secret, List<FieldError> errors) {
        if (secret == null) {
            return;
        }
        if (secret.length() > MAX_SECRET || secret.isBlank()) {
            errors.add(new FieldError("secret", "must be 1 to " + MAX_SECRET + " characters"));
            return;
        }
        if (SubscriptionSecrets.isReference(secret)) {
            if (!SubscriptionSecrets.ENV_NAME.matcher(secret.substring(SubscriptionSecrets.ENV_PREFIX.length())).matches()) {
                errors.add(new FieldError("secret", "env: must be followed by an environment variable's name "
                        + "(upper-case letters, digits, '_')"));
            }
            if (channel.equals("slack") || channel.equals("email")) {
                errors.add(new FieldError("secret", "a " + channel + " subscription takes no secret"));
            }
            return;
        }
        switch (channel) {
            case WEBHOOK -> {
                if (webhookKey(secret) == null) {
                    errors.add(new FieldError("secret", "must be a Standard Webhooks secret: whsec_ followed by the "
                            + "base64 of 24 to 64 random bytes"));
                }
            }
            case "dingtalk" -> {
                // A DingTalk robot's signing secret is the text it shows (SEC…); nothing more can be checked.
            }
            default -> errors.add(new FieldError("secret", "a " + channel + " subscription takes no secret"));
        }
    }

    /** The key bytes of a Standard Webhooks secret, or null when it is not one. */
    @Nullable
    public static byte[] webhookKey(String secret) {
        if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) {
            return null;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(WEBHOOK_SECRET_PREFIX.length()));
            return key.length >= 24 && key.length <= 64 ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A new webhook secret: {@code whsec_} + base64 of 32 random bytes. */
    public String newWebhookSecret() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return WEBHOOK_SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private static List<String> distinct(@Nullable List<String> values) {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values.stream()
                .map(v -> v == null ? "null" : v).toList()));
    }
}
