package aikpi.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem document: the standard members, and extension members (such as {@code errors}, every
 * offending item of a batch) at the top level where the RFC puts them.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ProblemBody {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemBody(@Nullable String type, String title, int status, @Nullable String detail) {
        this.type = type == null ? "about:blank" : type;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    public ProblemBody with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    @Nullable
    public String getDetail() {
        return detail;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
