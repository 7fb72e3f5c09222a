package aikpi.gateway.notify.subscriptions;

import aikpi.gateway.targets.InvalidTargetException.FieldError;
import aikpi.vocabulary.InvalidRequestException;
import java.util.List;

/** A subscription that breaks a rule of {@link SubscriptionRules}: every field at fault, and why. */
public class InvalidSubscriptionException extends InvalidRequestException {

    private final List<FieldError> errors;

    public InvalidSubscriptionException(List<FieldError> errors) {
        super("The subscription is not valid: " + String.join("; ",
                errors.stream().map(e -> e.field() + " " + e.message()).toList()) + ".");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
