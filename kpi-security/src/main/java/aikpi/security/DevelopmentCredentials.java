package aikpi.security;

import aikpi.vocabulary.Slug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * The credentials of a development run, for {@code POST /login}: one user per role, all with the development
 * password ({@code KPI_DEV_PASSWORD}, default {@value #DEFAULT_PASSWORD}). Outside development nobody logs in here:
 * tokens then come from the group's identity provider, signed with the same secret.
 */
@Singleton
public class DevelopmentCredentials<B> implements HttpRequestAuthenticationProvider<B> {

    public static final String DEFAULT_PASSWORD = "kpi-dev";
    /** A BU lead's user name is this prefix and the unit: {@code lead-quark} leads the unit {@code quark}. */
    public static final String LEAD_PREFIX = "lead-";

    /** The fixed users and their roles; BU leads are {@code lead-<unit>} for any unit. */
    public static final Map<String, String> USERS = Map.of(
            "executive", Roles.EXECUTIVE,
            "tongyi-writer", Roles.TONGYI_WRITER,
            "quark-writer", Roles.QUARK_WRITER,
            "billing-writer", Roles.BILLING_WRITER);

    private final SecurityMode mode;

    public DevelopmentCredentials(SecurityMode mode) {
        this.mode = mode;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request, AuthenticationRequest<String, String> login) {
        String user = login.getIdentity();
        if (!mode.development() || user == null || login.getSecret() == null
                || !MessageDigest.isEqual(mode.developmentPassword().getBytes(StandardCharsets.UTF_8), login.getSecret().getBytes(StandardCharsets.UTF_8))) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        String role = USERS.get(user);
        if (role != null) {
            return AuthenticationResponse.success(user, List.of(role));
        }
        if (user.startsWith(LEAD_PREFIX) && Slug.isValid(user.substring(LEAD_PREFIX.length()))) {
            return AuthenticationResponse.success(user, List.of(Roles.BU_LEAD),
                    Map.of(Roles.BUSINESS_UNIT_CLAIM, user.substring(LEAD_PREFIX.length())));
        }
        return AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND);
    }
}
