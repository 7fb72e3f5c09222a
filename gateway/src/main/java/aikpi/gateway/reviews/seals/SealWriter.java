package aikpi.gateway.reviews.seals;

import aikpi.gateway.notify.Outbox;
import aikpi.gateway.notify.rules.NoticeRules;
import aikpi.platform.store.Transactions;
import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.security.audit.AuditedWrite;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Stores a seal and, for a request, its audit row, in one transaction: the seal's figures were read before, outside
 * any transaction, so a killed gateway leaves the whole seal or none of it. Its notice ({@code aikpi.review.sealed})
 * waits in the outbox from the same transaction: a stored seal is always told, a refused one never.
 */
@Singleton
public class SealWriter {

    /** A stored seal, as its audit row counts it. */
    public record Stored(ReviewSeal seal) implements AuditedResult {
        @Override
        public AuditCounts auditCounts() {
            return AuditCounts.single(true);
        }
    }

    private final Transactions transactions;
    private final ReviewSealStore store;
    private final Outbox outbox;

    public SealWriter(Transactions transactions, ReviewSealStore store, Outbox outbox) {
        this.transactions = transactions;
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Appends {@code seal}; refused (409) when another seal took its version first. {@code changes}: what it changed
     * against the version before it (null for a first seal), told in its notice.
     */
    @AuditedWrite
    public Stored append(ReviewSeal seal, @Nullable Map<String, Object> changes) {
        return transactions.write(c -> {
            if (!store.append(c, seal)) {
                throw new SealConflictException(seal.period() + " was sealed as version " + seal.version()
                        + " by another request at the same moment: read that version, and seal again with a reason "
                        + "if it must be replaced.");
            }
            outbox.enqueue(c, NoticeRules.sealed(seal.period(), seal.version(), seal.sealedAt(), seal.sealedBy(),
                    seal.reason(), seal.forced(), NoticeRules.dashboardLink(Period.parse(seal.period())), changes));
            return new Stored(seal);
        });
    }
}
