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

    TONGYI("tongyi-service", "TONGYI", true, false),
    QUARK("quark-service", "QUARK", true, false),
    BILLING("cloud-billing-service", "BILLING", true, true),
    GATEWAY("gateway", "GATEWAY", true, true);

    final String module;
    final String prefix;
    /** Whether it owns a database (every one does; the gateway's holds only the executives' targets). */
    final boolean stores;
    /** Whether it calls the other services (with its own account's token). */
    private final boolean calls;

    SuiteService(String module, String prefix, boolean stores, boolean calls) {
        this.module = module;
        this.prefix = prefix;
        this.stores = stores;
        this.calls = calls;
    }

    boolean callsServices() {
        return calls;
    }

    /**
     * What a production run must be given, each from a Secret: its database (if it stores), the identity provider its
     * callers' tokens come from, and its own account there if it calls the other services.
     */
    List<String> secretVariables() {
        List<String> names = new ArrayList<>();
        if (stores) {
            names.addAll(List.of(prefix + "_DB_URL", prefix + "_DB_USER", prefix + "_DB_PASSWORD"));
        }
        names.addAll(List.of("KPI_OIDC_ISSUER", "KPI_OIDC_AUDIENCE"));
        if (calls) {
            names.addAll(List.of("KPI_OIDC_CLIENT_ID", "KPI_OIDC_CLIENT_SECRET"));
        }
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
