package aikpi.gateway.notify.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.platform.problem.RetryLaterException;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How subscription secrets are kept, without an application context. */
class SubscriptionSecretsTest {

    static final String KEY = "a-production-gateway-secrets-key-of-more-than-32-bytes";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static SubscriptionSecrets with(String key, Map<String, String> env) {
        return new SubscriptionSecrets(SubscriptionSecrets.key(false, key), env::get);
    }

    @Test
    void aSealedSecretOpensOnlyForItsSubscriptionAndKey() {
        SubscriptionSecrets secrets = with(KEY, Map.of());
        String sealed = secrets.seal("hook-a", SECRET);
        assertThat(sealed).startsWith("aesgcm:").doesNotContain(SECRET.substring(6));
        assertThat(secrets.seal("hook-a", SECRET)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(secrets.open("hook-a", sealed)).isEqualTo(SECRET);
        assertThatThrownBy(() -> secrets.open("hook-b", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> with(KEY + "-another", Map.of()).open("hook-a", sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GATEWAY_SECRETS_KEY");
    }

    @Test
    void aReferenceIsKeptAsItIsAndReadAtDelivery() {
        SubscriptionSecrets secrets = with(KEY, Map.of("HOOK_SECRET", SECRET));
        assertThat(secrets.seal("hook-a", "env:HOOK_SECRET")).isEqualTo("env:HOOK_SECRET");
        assertThat(secrets.open("hook-a", "env:HOOK_SECRET")).isEqualTo(SECRET);
        assertThatThrownBy(() -> secrets.open("hook-a", "env:UNSET")).hasMessageContaining("UNSET is not set");
    }

    @Test
    void outsideDevelopmentTheKeyMustBeOwnAndLongEnough() {
        assertThat(SubscriptionSecrets.key(false, null)).isNull();
        assertThat(SubscriptionSecrets.key(true, null)).isNotNull();
        assertThatThrownBy(() -> SubscriptionSecrets.key(false, SubscriptionSecrets.DEVELOPMENT_KEY))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SubscriptionSecrets.key(false, "short")).isInstanceOf(ConfigurationException.class);
        // Without a key only references can be subscribed.
        SubscriptionSecrets none = new SubscriptionSecrets(null, name -> null);
        assertThatThrownBy(() -> none.seal("hook-a", SECRET)).isInstanceOf(RetryLaterException.class);
        assertThat(none.seal("hook-a", "env:HOOK_SECRET")).isEqualTo("env:HOOK_SECRET");
    }
}
