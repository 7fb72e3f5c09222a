package aikpi.gateway.notify.outbox;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.NotFoundException;
import aikpi.platform.store.Transactions;
import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.security.audit.AuditedWrite;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** The outbox as executives see it: the rows by status, and a DEAD row sent again. */
@Singleton
public class Notifications {

    static final List<String> STATUSES = List.of(Notification.PENDING, Notification.SENT, Notification.DEAD,
            Notification.HELD, Notification.DIGESTED);

    /** A row put back to PENDING. */
    public record Requeued(Notification notification) implements AuditedResult {
        @Override
        public AuditCounts auditCounts() {
            return new AuditCounts(1L, 1L, 0L, "REQUEUED");
        }
    }

    /** Only a DEAD row can be sent again (409). */
    public static class NotDeadException extends RuntimeException {
        NotDeadException(String message) {
            super(message);
        }
    }

    private final Transactions transactions;
    private final NotificationStore store;
    private final Clock clock;

    public Notifications(Transactions transactions, NotificationStore store, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.clock = clock;
    }

    public Page<Notification> list(@Nullable String status, PageRequest page) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException("status must be one of " + STATUSES + " (was '" + status + "').");
        }
        List<Notification> rows = transactions.read(c -> store.list(c, status, page));
        return page.page(rows, n -> List.of(n.createdAt().toString(), n.id()));
    }

    /** Puts DEAD row {@code id} back to PENDING, due at once with its attempts counted afresh. */
    @AuditedWrite
    public Requeued retry(String id) {
        return transactions.write(c -> {
            if (!store.retry(c, id, clock.instant())) {
                Notification n = store.find(c, id).orElseThrow(() -> new NotFoundException("notification", id));
                throw new NotDeadException("Notification " + id + " is " + n.status() + ", not DEAD: only a dead "
                        + "notification is sent again.");
            }
            return new Requeued(store.find(c, id).orElseThrow());
        });
    }
}
