package aikpi.quark.sessions;

import aikpi.vocabulary.Money;
import java.math.BigDecimal;

/**
 * Additive counts of AI sessions: what the daily per-feature aggregate stores and what every volume and quality
 * figure is computed from.
 */
public record SessionTotals(
        long sessions,
        long turns,
        long agentCalls,
        long resolved,
        long knownOutcome,
        long rated,
        long ratingSum,
        long conversions,
        BigDecimal conversionValueCny) {

    public static final SessionTotals NONE = new SessionTotals(0, 0, 0, 0, 0, 0, 0, 0, Money.cny(BigDecimal.ZERO));

    /** One session's contribution. */
    public static SessionTotals of(AiSession s) {
        return new SessionTotals(1, s.turns(), s.agentCalls(),
                s.outcome() == Outcome.RESOLVED ? 1 : 0,
                s.outcome().isKnown() ? 1 : 0,
                s.rating() == null ? 0 : 1,
                s.rating() == null ? 0 : s.rating(),
                s.converted() ? 1 : 0,
                s.conversionValueCny() == null ? Money.cny(BigDecimal.ZERO) : s.conversionValueCny());
    }

    public SessionTotals plus(SessionTotals o) {
        return new SessionTotals(sessions + o.sessions, turns + o.turns, agentCalls + o.agentCalls,
                resolved + o.resolved, knownOutcome + o.knownOutcome, rated + o.rated, ratingSum + o.ratingSum,
                conversions + o.conversions, conversionValueCny.add(o.conversionValueCny));
    }
}
