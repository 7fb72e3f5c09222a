package aikpi.quark.audience;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The members whose sketches a figure merges: some apps (null: every app) and, for the AI audience, one feature
 * (null: every feature of those apps).
 */
public record AudienceGroup(Audience audience, @Nullable List<String> appIds, @Nullable String featureId) {

    public static AudienceGroup activeUsersOf(List<String> appIds) {
        return new AudienceGroup(Audience.ACTIVE, appIds, null);
    }

    public static AudienceGroup aiUsersOf(List<String> appIds) {
        return new AudienceGroup(Audience.AI, appIds, null);
    }

    public static AudienceGroup newUsersOf(List<String> appIds) {
        return new AudienceGroup(Audience.NEW, appIds, null);
    }

    public static AudienceGroup aiUsersOfFeature(String appId, String featureId) {
        return new AudienceGroup(Audience.AI, List.of(appId), featureId);
    }
}
