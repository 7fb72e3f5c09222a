package aikpi.security.audit;

import io.micronaut.aop.InterceptorBinding;
import io.micronaut.aop.InterceptorKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write whose every accepted call is recorded in the service's audit trail, in the write's own transaction
 * ({@link AuditInterceptor}). On a controller's write method; on the service method that stores, where the
 * controller must not hold a transaction open (a streamed import).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
@InterceptorBinding(kind = InterceptorKind.AROUND)
public @interface AuditedWrite {
}
