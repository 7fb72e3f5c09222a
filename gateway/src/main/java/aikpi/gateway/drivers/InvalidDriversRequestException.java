package aikpi.gateway.drivers;

import java.util.List;
import java.util.Map;

/** A drivers or breakdown request that cannot be answered as asked; 400 naming the valid values. */
public class InvalidDriversRequestException extends RuntimeException {

    private final Map<String, List<String>> valid;

    public InvalidDriversRequestException(String detail, Map<String, List<String>> valid) {
        super(detail);
        this.valid = valid;
    }

    public Map<String, List<String>> valid() {
        return valid;
    }
}
