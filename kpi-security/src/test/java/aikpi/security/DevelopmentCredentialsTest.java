package aikpi.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.env.Environment;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.UsernamePasswordCredentials;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class DevelopmentCredentialsTest {

    private static DevelopmentCredentials<Object> credentials(boolean development) {
        Environment env = Mockito.mock(Environment.class);
        Mockito.when(env.getActiveNames()).thenReturn(development ? Set.of("test") : Set.of("prod"));
        return new DevelopmentCredentials<>(new SecurityMode(env, null, "kpi-dev", null));
    }

    private static AuthenticationResponse login(DevelopmentCredentials<Object> c, String user, String password) {
        AuthenticationRequest<String, String> request = new UsernamePasswordCredentials(user, password);
        return c.authenticate(null, request);
    }

    @Test
    void eachDevelopmentUserHoldsExactlyItsRole() {
        DevelopmentCredentials<Object> c = credentials(true);
        assertThat(login(c, "executive", "kpi-dev").getAuthentication().orElseThrow().getRoles())
                .containsExactly(Roles.EXECUTIVE);
        assertThat(login(c, "tongyi-writer", "kpi-dev").getAuthentication().orElseThrow().getRoles())
                .containsExactly(Roles.TONGYI_WRITER);
        var lead = login(c, "lead-quark", "kpi-dev").getAuthentication().orElseThrow();
        assertThat(lead.getRoles()).containsExactly(Roles.BU_LEAD);
        assertThat(lead.getAttributes()).containsEntry(Roles.BUSINESS_UNIT_CLAIM, "quark");
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        DevelopmentCredentials<Object> c = credentials(true);
        assertThat(login(c, "executive", "wrong").isAuthenticated()).isFalse();
        assertThat(login(c, "nobody", "kpi-dev").isAuthenticated()).isFalse();
        assertThat(login(c, "lead-Not A Unit", "kpi-dev").isAuthenticated()).isFalse();
    }

    @Test
    void outsideDevelopmentNobodyLogsInHere() {
        assertThat(login(credentials(false), "executive", "kpi-dev").isAuthenticated()).isFalse();
    }
}
