package aikpi.tongyi.otlp;

import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * OTLP/HTTP's trace path, where OpenTelemetry SDKs and Collectors export spans: binary protobuf or JSON, gzip or not
 * (the server inflates, within the request size limit), answered in the encoding of the request.
 */
@Tag(name = "token usage")
@Controller("/v1/traces")
@Secured({Roles.TONGYI_WRITER, IngestStreams.TONGYI_USAGE})
@ExecuteOn(TaskExecutors.BLOCKING)
public class OtlpTracesController {

    private final GenAiUsageSpans spans;
    private final JsonMapper json;

    public OtlpTracesController(GenAiUsageSpans spans, JsonMapper json) {
        this.spans = spans;
        this.json = json;
    }

    @Operation(summary = "Token usage from OpenTelemetry spans (OTLP/HTTP ExportTraceServiceRequest, GenAI attributes)",
            description = "Every span with gen_ai.usage.input_tokens or gen_ai.usage.output_tokens is a usage event, "
                    + "identified by (trace id, span id): an export sent again counts once. Spans without usage are "
                    + "ignored; usage spans the rules refuse are told in partial_success (rejected_spans, error_message) "
                    + "and the others stored. A body that is not an export request: 400 with a google.rpc.Status.")
    @Post(consumes = {OtlpEncoding.PROTOBUF_TYPE, MediaType.APPLICATION_JSON},
            produces = {OtlpEncoding.PROTOBUF_TYPE, MediaType.APPLICATION_JSON})
    public HttpResponse<byte[]> export(@Nullable @Body byte[] body, @Header(HttpHeaders.CONTENT_TYPE) MediaType contentType) {
        OtlpEncoding encoding = OtlpEncoding.of(contentType);
        GenAiUsageSpans.Outcome outcome = spans.ingest(encoding.read(body == null ? new byte[0] : body, json));
        ExportTraceServiceResponse.Builder answer = ExportTraceServiceResponse.newBuilder();
        if (outcome.rejected() > 0) {
            answer.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(outcome.rejected())
                    .setErrorMessage(outcome.errorMessage()));
        }
        return HttpResponse.ok(encoding.write(answer.build())).contentType(encoding.mediaType());
    }
}
