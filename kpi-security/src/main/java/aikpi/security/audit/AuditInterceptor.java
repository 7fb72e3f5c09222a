package aikpi.security.audit;

import aikpi.platform.ingest.IngestResult;
import aikpi.platform.store.Transactions;
import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Records an accepted write ({@link AuditedWrite}) in the audit trail in the write's own transaction: the write runs
 * inside a transaction this opens (the stores' own transactions join it), and the audit row is inserted before it
 * commits. So an acknowledged write always has its row (both commit together), and a row that cannot be written
 * takes the write back with it: the caller gets an error, nothing was stored, and a retry (every write is idempotent)
 * stores and records it; no acknowledged write is ever lost to a failed audit. A lost race with a concurrent writer
 * runs the write and its row again, whole, as every store's transaction would.
 *
 * <p>Only calls made for an HTTP request are recorded (a start-up recut or a Kafka poll has no caller), and only
 * once per request. Refused writes are not written here: they change nothing and are counted and logged by
 * {@link WriteRequests}.
 */
@Singleton
@InterceptorBean(AuditedWrite.class)
@Requires(bean = Transactions.class)
public class AuditInterceptor implements MethodInterceptor<Object, Object> {

    private static final int MAX_PATH = 1000;
    private static final int MAX_SUBJECT = 255;
    private static final ThreadLocal<Boolean> RECORDING = new ThreadLocal<>();

    private final Transactions transactions;
    private final AuditStore store;
    private final Clock clock;

    public AuditInterceptor(Transactions transactions, AuditStore store, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.clock = clock;
    }

    /** Outside the transaction of a {@code @Transactional} write, so that one joins this one. */
    @Override
    public int getOrder() {
        return InterceptPhase.TRANSACTION.getPosition() - 10;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElse(null);
        if (request == null || RECORDING.get() != null) {
            return context.proceed();
        }
        RECORDING.set(Boolean.TRUE);
        try {
            return transactions.write(c -> {
                Object result = context.proceed(this);
                store.insert(c, entry(request, result));
                return result;
            });
        } finally {
            RECORDING.remove();
        }
    }

    private AuditEntry entry(HttpRequest<?> request, Object result) {
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        List<String> roles = caller == null ? List.of() : caller.getRoles().stream().sorted().toList();
        String path = request.getPath();
        AuditCounts counts = counts(result);
        String subject = caller == null ? "anonymous" : caller.getName();
        return new AuditEntry(clock.instant(), subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject, roles,
                request.getMethodName(), path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path,
                counts.items(), counts.accepted(), counts.duplicates(), counts.outcome(), WriteRequests.id(request));
    }

    /** What a write's answer says it did: its own account ({@link AuditedResult}), a batch's counts, or one item. */
    static AuditCounts counts(Object result) {
        Object body = result;
        int status = HttpStatus.OK.getCode();
        if (result instanceof HttpResponse<?> response) {
            status = response.code();
            body = response.body();
        }
        if (body instanceof AuditedResult audited) {
            return audited.auditCounts();
        }
        if (body instanceof IngestResult batch) {
            return AuditCounts.batch(batch.accepted(), batch.duplicates());
        }
        return AuditCounts.single(status == HttpStatus.CREATED.getCode());
    }
}
