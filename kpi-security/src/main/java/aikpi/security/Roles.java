package aikpi.security;

import java.util.List;
import java.util.Map;

/**
 * The suite's roles, carried in a token's {@code roles} claim. Readers and writers are kept apart: a team's writer
 * role writes only that team's numbers, and the role the services call each other with reads and never writes.
 */
public final class Roles {

    /** Reads every view of the gateway. */
    public static final String EXECUTIVE = "EXECUTIVE";
    /** Reads its own business unit's scorecard only (the unit is the token's {@value #BUSINESS_UNIT_CLAIM} claim). */
    public static final String BU_LEAD = "BU_LEAD";
    /** Writes tongyi-service's numbers (models, hub figures, benchmarks, customers, usage, GPU resources). */
    public static final String TONGYI_WRITER = "TONGYI_WRITER";
    /** Writes quark-service's numbers (apps, AI features, installs, app opens, AI sessions). */
    public static final String QUARK_WRITER = "QUARK_WRITER";
    /** Writes cloud-billing-service's numbers (group revenue, vouchers, ledger lines). */
    public static final String BILLING_WRITER = "BILLING_WRITER";
    /** A service reading another service's figures (the gateway, cloud-billing reading metered tokens). Never writes. */
    public static final String SERVICE = "SERVICE";

    /** The claim naming a BU lead's business unit. */
    public static final String BUSINESS_UNIT_CLAIM = "businessUnit";

    public static final List<String> ALL = List.of(EXECUTIVE, BU_LEAD, TONGYI_WRITER, QUARK_WRITER, BILLING_WRITER, SERVICE);

    /** Each team's service and the role that writes it (the gateway's writes, the targets, are an executive's). */
    public static final Map<String, String> WRITER_OF_SERVICE = Map.of(
            "tongyi-service", TONGYI_WRITER, "quark-service", QUARK_WRITER, "cloud-billing-service", BILLING_WRITER);

    private Roles() {
    }
}
