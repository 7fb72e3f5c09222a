package aikpi.gateway.notify.rules;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A rule key's stored state ({@code notice_state}): what was seen last and since when, what was told last (or
 * recorded on first sight), when it was told, and how many notices the key made.
 */
public record NoticeState(String key, String seen, Instant seenSince, String told, @Nullable String toldFigure,
                          @Nullable Instant toldAt, int notices) {
}
