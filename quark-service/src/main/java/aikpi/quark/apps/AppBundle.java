package aikpi.quark.apps;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A bundle id (an iOS bundle identifier, an Android package name) that names one app in analytics events: the
 * {@code context.app.namespace} of a Segment call. A bundle id belongs to one app at most.
 */
@MappedEntity("app_bundle")
public record AppBundle(@Id String bundleId, String appId) {
}
