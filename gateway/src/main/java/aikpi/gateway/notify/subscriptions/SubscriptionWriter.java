package aikpi.gateway.notify.subscriptions;

import aikpi.platform.store.Transactions;
import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.security.audit.AuditedWrite;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import aikpi.platform.problem.NotFoundException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.Optional;

/**
 * Stores and removes subscriptions, each change with its audit row, in one transaction. What is written is decided
 * inside the transaction from the subscription as it stands there ({@code decide}), so a check of who may change it
 * and the change cannot be parted by a concurrent write.
 */
@Singleton
public class SubscriptionWriter {

    /** A subscription stored: new ({@code created}) or replaced. */
    public record Stored(Subscription subscription, boolean created, @Nullable String generatedSecret)
            implements AuditedResult {
        @Override
        public AuditCounts auditCounts() {
            return AuditCounts.single(created);
        }
    }

    /** A subscription removed. */
    public record Removed(String id) implements AuditedResult {
        @Override
        public AuditCounts auditCounts() {
            return new AuditCounts(1L, 1L, 0L, "DELETED");
        }
    }

    private final Transactions transactions;
    private final SubscriptionStore store;

    public SubscriptionWriter(Transactions transactions, SubscriptionStore store) {
        this.transactions = transactions;
        this.store = store;
    }

    /** Stores what {@code decide} makes of the subscription as it stands (empty: none yet). */
    @AuditedWrite
    public Stored put(String id, Function<Optional<Subscription>, Stored> decide) {
        return transactions.write(c -> {
            Optional<Subscription> existing = store.find(c, id);
            Stored stored = decide.apply(existing);
            if (existing.isPresent()) {
                store.update(c, stored.subscription());
            } else {
                store.insert(c, stored.subscription());
            }
            return stored;
        });
    }

    /** Removes the subscription after {@code check} accepted it as it stands; 404 when there is none. */
    @AuditedWrite
    public Removed delete(String id, Consumer<Subscription> check) {
        return transactions.write(c -> {
            Subscription existing = store.find(c, id).orElseThrow(() -> new NotFoundException("subscription", id));
            check.accept(existing);
            store.delete(c, id);
            return new Removed(id);
        });
    }
}
