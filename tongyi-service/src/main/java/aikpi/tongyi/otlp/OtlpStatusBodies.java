package aikpi.tongyi.otlp;

import aikpi.platform.problem.ProblemBody;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * OTLP answers every failure of {@code /v1/traces} with a {@code google.rpc.Status}, in the request's encoding (binary
 * protobuf unless it sent JSON): the suite's problem+json answers there (400, 401, 403, 413, 415, 503...) are told again
 * in that shape, with the same status code and the problem's detail as the message.
 */
@ServerFilter("/v1/traces")
public class OtlpStatusBodies implements Ordered {

    /** Outermost, so that it sees the security filter's answers too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    public void asStatus(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || !(response.getBody().orElse(null) instanceof ProblemBody problem)) {
            return;
        }
        OtlpEncoding encoding = OtlpEncoding.of(request.getContentType().orElse(null));
        if (encoding == null) {
            encoding = OtlpEncoding.PROTOBUF;
        }
        Status status = Status.newBuilder().setCode(code(response.code()).getNumber())
                .setMessage(problem.getDetail() != null ? problem.getDetail() : problem.getTitle()).build();
        response.body(encoding.write(status)).contentType(encoding.mediaType());
    }

    /** The status code OTLP/gRPC would give the same failure (OTLP/HTTP clients only record it). */
    static Code code(int httpStatus) {
        return switch (httpStatus) {
            case 400, 413, 415 -> Code.INVALID_ARGUMENT;
            case 401 -> Code.UNAUTHENTICATED;
            case 403 -> Code.PERMISSION_DENIED;
            case 404 -> Code.NOT_FOUND;
            case 429 -> Code.RESOURCE_EXHAUSTED;
            case 503 -> Code.UNAVAILABLE;
            default -> httpStatus >= 500 ? Code.INTERNAL : Code.UNKNOWN;
        };
    }
}
