package aikpi.security;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In a development run, says at start-up how to get a token. */
@Singleton
public class DevelopmentBanner {

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentBanner.class);

    private final SecurityMode mode;

    public DevelopmentBanner(SecurityMode mode) {
        this.mode = mode;
    }

    @EventListener
    public void onStartup(ServerStartupEvent event) {
        if (!mode.development()) {
            return;
        }
        String url = event.getSource().getURL().toString();
        String password = mode.developmentPassword();
        String users = String.join(", ", DevelopmentCredentials.USERS.keySet().stream().sorted().toList());
        LOG.info("{}", String.format("Development credentials (refused outside development): users %s, and lead-<unit>"
                + " for a business unit's lead; password '%s'. A token: curl -s -X POST %s/login -H 'Content-Type:"
                + " application/json' -d '{\"username\":\"executive\",\"password\":\"%s\"}'  then send"
                + " 'Authorization: Bearer <access_token>'.", users, password, url, password));
    }
}
