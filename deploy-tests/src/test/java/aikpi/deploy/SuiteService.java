package aikpi.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The four deployable services. The module directory also names the service's Deployment, Service and image, and is
 * the id the other services' HTTP clients use for it; the prefix begins its variables ({@code TONGYI_DB_URL}).
 */
enum SuiteService {

    TONGYI("tongyi-service", "TONGYI", true),
    QUARK("quark-service", "QUARK", true),
    BILLING("cloud-billing-service", "BILLING", true),
    GATEWAY("gateway", "GATEWAY", true);

    final String module;
    final String prefix;
    /** Whether it owns a database (every one does; the gateway's holds only the executives' targets). */
    final boolean stores;

    SuiteService(String module, String prefix, boolean stores) {
        this.module = module;
        this.prefix = prefix;
        this.stores = stores;
    }

    /** What a production run must be given, each from a Secret: its database (if it stores) and the JWT secret. */
    List<String> secretVariables() {
        List<String> names = new ArrayList<>();
        if (stores) {
            names.addAll(List.of(prefix + "_DB_URL", prefix + "_DB_USER", prefix + "_DB_PASSWORD"));
        }
        names.add("KPI_JWT_SECRET");
        return names;
    }

    static Optional<SuiteService> ofModule(String module) {
        return Arrays.stream(values()).filter(service -> service.module.equals(module)).findFirst();
    }

    @Override
    public String toString() {
        return module;
    }
}
