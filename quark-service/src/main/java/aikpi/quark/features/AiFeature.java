package aikpi.quark.features;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDate;

/** An AI feature of an app, such as Quark's AI camera or Amap's navigation agent. Unique per (app, feature id). */
@MappedEntity("ai_feature")
public record AiFeature(
        @Id @GeneratedValue @Nullable Long id,
        String appId,
        String featureId,
        String name,
        FeatureKind kind,
        LocalDate launchedOn) {

    AiFeature withId(Long newId) {
        return new AiFeature(newId, appId, featureId, name, kind, launchedOn);
    }

    /** A feature counts as live in a period if it launched on or before the period's last day. */
    public boolean liveOn(LocalDate day) {
        return !launchedOn.isAfter(day);
    }

    public Feature view() {
        return new Feature(appId, featureId, name, kind, launchedOn);
    }
}
