package aikpi.gateway.reviews.seals;

import aikpi.platform.store.Transactions;
import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.security.audit.AuditedWrite;
import jakarta.inject.Singleton;

/**
 * Stores a seal and, for a request, its audit row, in one transaction: the seal's figures were read before, outside
 * any transaction, so a killed gateway leaves the whole seal or none of it.
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

    public SealWriter(Transactions transactions, ReviewSealStore store) {
        this.transactions = transactions;
        this.store = store;
    }

    /** Appends {@code seal}; refused (409) when another seal took its version first. */
    @AuditedWrite
    public Stored append(ReviewSeal seal) {
        return transactions.write(c -> {
            if (!store.append(c, seal)) {
                throw new SealConflictException(seal.period() + " was sealed as version " + seal.version()
                        + " by another request at the same moment: read that version, and seal again with a reason "
                        + "if it must be replaced.");
            }
            return new Stored(seal);
        });
    }
}
