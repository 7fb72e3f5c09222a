package aikpi.gateway.notify.outbox;

import aikpi.gateway.notify.Notice;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notice as a CloudEvent 1.0 in structured JSON mode, written with the specification's own SDK: {@code id} the
 * notice's stable id, {@code source} {@value #SOURCE}, {@code type} one of the notice types, {@code subject} the scope,
 * {@code time}; the extensions {@code period} and {@code kpiid} when the notice has them; {@code data} the notice's
 * figures with its scope, period and KPI (JSON).
 */
@Singleton
public class NoticeEvents {

    public static final String SOURCE = "/aikpi/gateway";
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private final JsonFormat format = new JsonFormat();
    private final JsonMapper json;

    public NoticeEvents(JsonMapper json) {
        this.json = json;
    }

    public CloudEvent event(Notice notice) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scope", notice.scope());
        data.put("period", notice.period());
        data.put("kpiId", notice.kpiId());
        data.putAll(notice.data());
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(notice.id()).withSource(URI.create(SOURCE))
                .withType(notice.type()).withSubject(notice.scope())
                .withTime(OffsetDateTime.ofInstant(notice.time(), ZoneOffset.UTC));
        if (notice.period() != null) {
            builder.withExtension("period", notice.period());
        }
        if (notice.kpiId() != null) {
            builder.withExtension("kpiid", notice.kpiId());
        }
        try {
            return builder.withData("application/json", json.writeValueAsBytes(data)).build();
        } catch (IOException e) {
            throw new UncheckedIOException("the notice's data is not JSON-friendly", e);
        }
    }

    /** The event's structured-mode JSON, as stored in the outbox and posted to a webhook. */
    public byte[] structured(CloudEvent event) {
        return format.serialize(event);
    }

    public CloudEvent read(byte[] structured) {
        return format.deserialize(structured);
    }

    /**
     * The event's data as the notice's figures (a JSON object), empty when it has none.
     *
     * @throws IllegalStateException when the data is not JSON
     */
    public Map<String, Object> data(CloudEvent event) {
        if (event.getData() == null) {
            return Map.of();
        }
        try {
            Map<String, Object> data = json.readValue(event.getData().toBytes(), Argument.mapOf(String.class, Object.class));
            return data == null ? Map.of() : data;
        } catch (IOException e) {
            throw new IllegalStateException("the notice " + event.getId() + " has no JSON data", e);
        }
    }
}
