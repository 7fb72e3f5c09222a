package aikpi.quark.metrics;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Which distinct-user figures of an answer are estimates, with their error. Counts of events and sessions and every
 * quality figure are exact (an app fed by daily aggregates reports them as its pipeline counted them).
 */
@Serdeable
@Schema(description = "Per distinct-user figure: estimate or exact, and the relative standard error of an estimate")
public record Estimates(
        Accuracy totalUsers,
        Accuracy newUsers,
        Accuracy dau,
        Accuracy mau,
        Accuracy activeUsers,
        Accuracy aiUsers) {

    /** Users counted exactly or not ({@code users}), actives and AI users from sketches. */
    static Estimates of(Accuracy users, Accuracy active, Accuracy ai) {
        return new Estimates(users, users, active, active, active, ai);
    }
}
