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
 * Records an accepted write ({@link AuditedWrite}) in its own transaction: the write runs inside a transaction this
 * opens and the audit row is inserted before it commits, so an acknowledged write always has its row and a row that
 * cannot be written takes the write back with it (the caller retries; every write is idempotent); a lost race runs
 * both again. Only calls made for an HTTP request are recorded, once per request; refused writes are counted by
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
