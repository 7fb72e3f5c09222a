package aikpi.quark.activity;

import aikpi.quark.firstseen.UserSighting;
import java.time.Instant;

/** A validated install or app open, ready to store. {@code userId} is a pseudonymous id. */
public record UserEvent(String eventId, String appId, String userId, Instant occurredAt) {

    public UserSighting sighting() {
        return UserSighting.inApp(appId, userId, occurredAt);
    }
}
