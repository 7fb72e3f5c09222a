package aikpi.gateway.drivers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a KPI's change can be split over, as {@code by=} names it. */
public enum Dimension {
    UNIT("unit"),
    APP("app"),
    FEATURE("feature"),
    CUSTOMER("customer"),
    CUSTOMER_KIND("customerKind"),
    MODEL("model"),
    PRODUCT("product"),
    /** What GPU time was spent on: TRAINING or INFERENCE. */
    PURPOSE("purpose"),
    /** The model community a hub counter comes from. */
    PLATFORM("platform"),
    /** What the cloud revenue is: AI revenue paid in cash, AI revenue funded by vouchers, and the rest of the cloud. */
    REVENUE("revenue");

    private final String label;

    Dimension(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Dimension> byLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Dimension::label).toList();
    }
}
