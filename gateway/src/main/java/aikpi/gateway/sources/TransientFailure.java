package aikpi.gateway.sources;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.retry.annotation.RetryPredicate;

/**
 * Which failures of a read are worth a retry and count towards opening the circuit: connection failures, time-outs
 * and server errors. A 4xx answer is the source telling us the request is wrong; repeating it cannot help.
 */
public class TransientFailure implements RetryPredicate {

    @Override
    public boolean test(Throwable t) {
        return !(t instanceof HttpClientResponseException e) || e.getStatus().getCode() >= 500;
    }
}
