package aikpi.gateway.notify.subscriptions;

import aikpi.platform.problem.RetryLaterException;
import aikpi.security.SecurityMode;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How subscription secrets are kept: encrypted with AES-256-GCM under a key derived from {@code GATEWAY_SECRETS_KEY}
 * (HMAC-SHA256 of a fixed label, so the configured text is never the key itself), stored as {@code aesgcm:} + base64
 * of the 12-byte nonce and the ciphertext, the subscription id bound in as associated data (a ciphertext copied to
 * another subscription does not open); or, as the subscriber asked, as a reference {@code env:NAME} to an
 * environment variable of the gateway. Development has a built-in key; elsewhere without one no secret is stored
 * (503), and the development key is refused, as kpi-security does with {@code KPI_INGEST_KEY_SECRET}.
 */
@Singleton
public class SubscriptionSecrets {

    /** The key of development runs only; a gateway outside development never takes it. */
    public static final String DEVELOPMENT_KEY = "development-only-gateway-secrets-key-of-the-ai-kpi-suite-never-in-production";
    public static final String ENV_PREFIX = "env:";
    static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");
    private static final String ENCRYPTED_PREFIX = "aesgcm:";
    private static final byte[] KEY_LABEL = "aikpi gateway subscription secrets v1".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Nullable
    private final SecretKeySpec key;
    private final UnaryOperator<String> environment;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SubscriptionSecrets(SecurityMode mode, @Nullable @Value("${gateway.notify.secrets-key:}") String configured) {
        this(key(mode.development(), configured), System::getenv);
    }

    SubscriptionSecrets(@Nullable SecretKeySpec key, UnaryOperator<String> environment) {
        this.key = key;
        this.environment = environment;
    }

    @Nullable
    static SecretKeySpec key(boolean development, @Nullable String configured) {
        String value = configured == null || configured.isBlank() ? null : configured;
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigurationException("GATEWAY_SECRETS_KEY is shorter than 256 bits (32 bytes): set a longer one.");
        }
        if (value != null && !development && value.equals(DEVELOPMENT_KEY)) {
            throw new ConfigurationException("GATEWAY_SECRETS_KEY is the development one: outside development set a key"
                    + " of your own.");
        }
        if (value == null && development) {
            value = DEVELOPMENT_KEY;
        }
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(KEY_LABEL), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code secret} is a reference to an environment variable rather than the secret itself. */
    public static boolean isReference(String secret) {
        return secret.startsWith(ENV_PREFIX);
    }

    /** The stored form of {@code secret} for subscription {@code id}: the reference as it is, or the ciphertext. */
    public String seal(String id, String secret) {
        if (isReference(secret)) {
            return secret;
        }
        if (key == null) {
            throw new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, "Secrets are off",
                    "Subscription secrets cannot be stored: set GATEWAY_SECRETS_KEY (at least 256 bits, the same on every "
                            + "replica of the gateway), or give the secret as a reference env:NAME.", Duration.ofHours(1));
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ENCRYPTED_PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret a stored form stands for, at delivery.
     *
     * @throws IllegalStateException when it cannot be had: the variable is not set, the key is missing or another
     */
    public String open(String id, String stored) {
        if (isReference(stored)) {
            String name = stored.substring(ENV_PREFIX.length());
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("the secret's environment variable " + name + " is not set");
            }
            return value;
        }
        if (!stored.startsWith(ENCRYPTED_PREFIX)) {
            throw new IllegalStateException("the stored secret is of no known form");
        }
        if (key == null) {
            throw new IllegalStateException("GATEWAY_SECRETS_KEY is not set, so the stored secret cannot be opened");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(ENCRYPTED_PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored secret does not open with GATEWAY_SECRETS_KEY (was the key "
                    + "changed?)");
        }
    }
}
