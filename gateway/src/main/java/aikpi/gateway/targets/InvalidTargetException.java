package aikpi.gateway.targets;

import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** A target that breaks the rules of {@link TargetRules}: every broken rule, and what would have been valid. */
public class InvalidTargetException extends InvalidRequestException {

    /** One broken rule: the request field (or path part) and what is wrong with it. */
    @Serdeable
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;
    private final Map<String, List<String>> valid;

    public InvalidTargetException(List<FieldError> errors, Map<String, List<String>> valid) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
        this.valid = Map.copyOf(valid);
    }

    private static String summary(List<FieldError> errors) {
        return "The target is not valid: " + String.join("; ",
                errors.stream().map(e -> e.field() + " " + e.message()).toList()) + ".";
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The valid values of the fields that named unknown ones ({@code validScopes}, {@code validKpiIds}). */
    public Map<String, List<String>> valid() {
        return valid;
    }
}
