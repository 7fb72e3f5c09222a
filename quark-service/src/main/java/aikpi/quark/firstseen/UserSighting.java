package aikpi.quark.firstseen;

import java.time.Instant;

/** A user seen in an app at an instant: an install, an app open, or an AI session of a feature. */
public record UserSighting(String appId, String featureId, String userId, Instant at) {

    /** A sighting that belongs to the whole app (no feature). */
    public static UserSighting inApp(String appId, String userId, Instant at) {
        return new UserSighting(appId, "", userId, at);
    }
}
