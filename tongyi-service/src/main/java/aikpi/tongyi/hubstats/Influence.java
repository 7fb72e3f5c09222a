package aikpi.tongyi.hubstats;

import io.micronaut.serde.annotation.Serdeable;

/** Downloads, likes and derivative models: a model's influence on the developer community. */
@Serdeable
public record Influence(long downloads, long likes, Derivatives derivatives) {

    public static final Influence NONE = new Influence(0, 0, Derivatives.NONE);

    Influence plus(Influence o) {
        return new Influence(downloads + o.downloads, likes + o.likes, derivatives.plus(o.derivatives));
    }

    Influence minus(Influence o) {
        return new Influence(downloads - o.downloads, likes - o.likes, derivatives.minus(o.derivatives));
    }
}
