package aikpi.gateway.reviews.seals;

import aikpi.gateway.reviews.Review;
import aikpi.gateway.reviews.ReviewService;
import aikpi.gateway.sources.Completeness;
import aikpi.gateway.sources.SourceFanOut;
import aikpi.gateway.sources.SourceFanOut.PendingCompleteness;
import aikpi.gateway.sources.SourceFetcher;
import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.sources.SourceStatus;
import aikpi.gateway.sources.Sourced;
import aikpi.gateway.sources.SourcesUnavailableException;
import aikpi.platform.problem.NotFoundException;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Seals reviews and reads them back. A seal stores the review of an ended period as it stands, with each source's
 * data version and completeness read just before its figures; it is refused while a source is not final (unless
 * forced, with a reason) and whenever a source does not answer. Sealing again makes the next version; nothing stored
 * is ever changed.
 */
@Singleton
public class ReviewSeals {

    /** How a review is asked for: the latest sealed version when there is one, or the live computation. */
    public enum View {
        SEALED, LIVE;

        public static View parse(@Nullable String as) {
            if (as == null || as.isBlank() || as.equals("sealed")) {
                return SEALED;
            }
            if (as.equals("live")) {
                return LIVE;
            }
            throw new InvalidRequestException("as must be 'sealed' (the latest sealed version, or the live review when "
                    + "the period was never sealed) or 'live', not '" + as + "'.");
        }
    }

    private final ReviewService reviews;
    private final ReviewSealStore store;
    private final SealWriter writer;
    private final SourceFanOut sources;
    private final SourceFetcher fetcher;
    private final ReportingZone zone;
    private final Clock clock;

    public ReviewSeals(ReviewService reviews, ReviewSealStore store, SealWriter writer, SourceFanOut sources,
                       SourceFetcher fetcher, ReportingZone zone, Clock clock) {
        this.reviews = reviews;
        this.store = store;
        this.writer = writer;
        this.sources = sources;
        this.fetcher = fetcher;
        this.zone = zone;
        this.clock = clock;
    }

    /** Seals {@code periodText}'s review as it stands now; runs blocking (it waits for the sources). */
    public ReviewSeal seal(String periodText, @Nullable SealRequest request, String sealedBy) {
        Period period = ReviewService.reviewPeriod(periodText);
        SealRequest body = request == null ? new SealRequest(null, null) : request;
        String reason = reason(body);
        if (!period.lastDay().isBefore(zone.today(clock))) {
            throw new SealConflictException(period.label() + " runs until " + period.lastDay() + " (today is "
                    + zone.today(clock) + " in " + zone.zoneId().getId() + "): a review is sealed once its period "
                    + "has ended.");
        }
        if (body.forced() && reason == null) {
            throw new InvalidRequestException("force needs a reason: the seal records why it was taken before every "
                    + "source had finished the period.");
        }
        int version = store.lastVersion(period.label()) + 1;
        if (version > 1 && reason == null) {
            throw new InvalidRequestException(period.label() + " is sealed already (version " + (version - 1)
                    + "); sealing it again makes version " + version + " and needs a reason.");
        }

        // The data versions first, then the figures, read after them: a change between the two is listed as a
        // change since the seal although the sealed figures hold it, never the other way round.
        PendingCompleteness pending = sources.completeness(period);
        pending.all().join();
        Map<String, SealedSource> sealed = sealedSources(period, pending.byService(), body.forced());
        fetcher.requireFreshFrom(clock.instant());
        Review review = reviews.review(period.label(), null).join();
        List<String> missing = new ArrayList<>();
        review.sources().forEach((id, r) -> {
            if (r.status() != SourceStatus.OK && r.status() != SourceStatus.NOT_APPLICABLE) {
                missing.add(id + " " + r.status() + (r.detail() == null ? "" : " (" + r.detail() + ")"));
            }
        });
        if (!missing.isEmpty()) {
            throw SourcesUnavailableException.forSeal(period.label(), String.join(", ", missing));
        }
        if (review.scopes().isEmpty()) {
            throw new SealConflictException("No target is in force for " + review.fiscalYear() + ": a review of "
                    + period.label() + " has nothing to seal.");
        }
        ReviewSeal seal = new ReviewSeal(period.label(), version, clock.instant().truncatedTo(ChronoUnit.MICROS),
                sealedBy, reason, body.forced(), sealed, review);
        Map<String, Object> changes = version > 1
                ? SealComparison.sealedAgain(sealed(period, version - 1).review(), review) : null;
        return writer.append(seal, changes).seal();
    }

    /** Each source's data version and completeness; refused while one is down, or (unless forced) not final. */
    private static Map<String, SealedSource> sealedSources(Period period, Map<String, Sourced<Completeness>> answers,
                                                           boolean force) {
        List<String> down = new ArrayList<>();
        List<String> named = new ArrayList<>();
        Map<String, Object> notFinal = new LinkedHashMap<>();
        Map<String, SealedSource> sealed = new LinkedHashMap<>();
        answers.forEach((id, answer) -> {
            Completeness c = answer.value();
            if (answer.status() != SourceStatus.OK || c == null) {
                down.add(id + " " + answer.status() + (answer.detail() == null ? "" : " (" + answer.detail() + ")"));
            } else if (c.dataVersion() == null) {
                down.add(id + " gave no data version");
            } else {
                if (!c.isFinal()) {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("dataThrough", c.dataThrough() == null ? null : c.dataThrough().toString());
                    state.put("final", false);
                    notFinal.put(id, state);
                    named.add(id + " (data through " + (c.dataThrough() == null ? "none of it" : c.dataThrough()) + ")");
                }
                sealed.put(id, new SealedSource(c.dataVersion(), c.dataThrough(), c.isFinal()));
            }
        });
        if (!down.isEmpty()) {
            throw SourcesUnavailableException.forSeal(period.label(), String.join(", ", down));
        }
        if (!notFinal.isEmpty() && !force) {
            throw new SealConflictException(period.label() + " is not final for " + String.join(", ", named)
                    + ": its figures may still change. Seal once every source is final, or with force and a reason.",
                    notFinal);
        }
        return sealed;
    }

    private static String reason(SealRequest body) {
        String reason = body.reason() == null ? null : body.reason().strip();
        if (reason != null && reason.length() > SealRequest.MAX_REASON) {
            throw new InvalidRequestException("reason is " + reason.length() + " characters; at most "
                    + SealRequest.MAX_REASON + ".");
        }
        return reason == null || reason.isEmpty() ? null : reason;
    }

    /**
     * A period's review as asked: the latest sealed version (or {@code version}) when there is one and the live one
     * is not asked for, else the live computation. {@code scope}: one scope's review, else every scope's.
     */
    public CompletableFuture<Review> review(String periodText, @Nullable String scope, View view,
                                            @Nullable Integer version) {
        Period period = ReviewService.reviewPeriod(periodText);
        if (view == View.LIVE) {
            if (version != null) {
                throw new InvalidRequestException("version names a sealed version: it cannot be asked with as=live.");
            }
            return reviews.review(periodText, scope);
        }
        Optional<ReviewSeal> seal = store.find(period.label(), version);
        if (seal.isEmpty()) {
            if (version != null) {
                throw new NotFoundException("sealed review", period.label() + " version " + version);
            }
            return reviews.review(periodText, scope);
        }
        Review sealedReview = seal.get().review().sealedAs(seal.get().summary());
        return CompletableFuture.completedFuture(scope == null ? sealedReview : sealedReview.forScope(scope));
    }

    /** Every sealed version of a period, oldest first. */
    public List<ReviewSealStore.Summary> versions(String periodText) {
        return store.versions(ReviewService.reviewPeriod(periodText).label());
    }

    /** A sealed version ({@code null}: the latest), or 404. */
    public ReviewSeal sealed(Period period, @Nullable Integer version) {
        return store.find(period.label(), version).orElseThrow(() -> new NotFoundException("sealed review",
                period.label() + (version == null ? "" : " version " + version)));
    }
}
