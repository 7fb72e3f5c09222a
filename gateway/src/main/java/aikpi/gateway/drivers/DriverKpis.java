package aikpi.gateway.drivers;

import static aikpi.gateway.drivers.Dimension.APP;
import static aikpi.gateway.drivers.Dimension.CUSTOMER;
import static aikpi.gateway.drivers.Dimension.CUSTOMER_KIND;
import static aikpi.gateway.drivers.Dimension.FEATURE;
import static aikpi.gateway.drivers.Dimension.MODEL;
import static aikpi.gateway.drivers.Dimension.PLATFORM;
import static aikpi.gateway.drivers.Dimension.PRODUCT;
import static aikpi.gateway.drivers.Dimension.PURPOSE;
import static aikpi.gateway.drivers.Dimension.REVENUE;
import static aikpi.gateway.drivers.Dimension.UNIT;

import aikpi.gateway.conversion.KpiDefinition;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which KPI can be split over which dimension, declared once: the drivers, the drill-down and their 400s all read
 * this table (docs/DRIVERS.md prints it). A sum's members add up to it; a ratio is split by shift-share. Within a
 * business unit (scope=&lt;unit&gt;) only the dimensions the unit's own figures are broken down by are offered. A
 * difference of two ratios is split as each member's shift-share contribution to the one less that to the other.
 */
public final class DriverKpis {

    /** How a KPI's change is split; a difference is of two ratios, in percentage points (the AI lift). */
    public enum Kind { SUM, RATIO, DIFFERENCE }

    /** One row of the table: the KPI's kind, its dimensions for the group and within a unit. */
    public record Entry(KpiDefinition kpi, Kind kind, Set<Dimension> group, Set<Dimension> withinUnit) {

        public Set<Dimension> dimensions(boolean unitScope) {
            return unitScope ? withinUnit : group;
        }
    }

    private static final Set<Dimension> LEDGER = EnumSet.of(UNIT, CUSTOMER, CUSTOMER_KIND, PRODUCT);
    private static final Set<Dimension> METERING = EnumSet.of(UNIT, CUSTOMER, CUSTOMER_KIND, MODEL);
    private static final Set<Dimension> APPS = EnumSet.of(UNIT, APP, FEATURE);
    private static final Set<Dimension> UNIT_APPS = EnumSet.of(APP, FEATURE);
    // A unit is one internal customer of the ledger and of metering: its figures there split by product or model.
    private static final Set<Dimension> UNIT_LEDGER = EnumSet.of(PRODUCT);
    private static final Set<Dimension> UNIT_METERING = EnumSet.of(MODEL);
    private static final Set<Dimension> HUB = EnumSet.of(MODEL, PLATFORM);
    private static final Set<Dimension> NONE = EnumSet.noneOf(Dimension.class);

    private static final Map<KpiDefinition, Entry> TABLE = new LinkedHashMap<>();

    static {
        add(KpiDefinition.AI_ATTRIBUTED_REVENUE, Kind.SUM, LEDGER, UNIT_LEDGER);
        add(KpiDefinition.AI_CASH_REVENUE, Kind.SUM, LEDGER, UNIT_LEDGER);
        add(KpiDefinition.MAAS_REVENUE, Kind.SUM, EnumSet.of(UNIT, CUSTOMER, CUSTOMER_KIND, MODEL), UNIT_METERING);
        add(KpiDefinition.TOKENS, Kind.SUM, METERING, UNIT_METERING);
        add(KpiDefinition.AI_SESSIONS, Kind.SUM, APPS, UNIT_APPS);
        add(KpiDefinition.RESOLVED_SESSIONS, Kind.SUM, APPS, UNIT_APPS);
        add(KpiDefinition.CONVERSIONS, Kind.SUM, APPS, UNIT_APPS);
        // The cloud's share of the group's revenue, split by what the cloud revenue is: each part's share of the group.
        add(KpiDefinition.CLOUD_SHARE, Kind.SUM, EnumSet.of(REVENUE), NONE);
        add(KpiDefinition.AI_SHARE_OF_CLOUD, Kind.RATIO, LEDGER, NONE);
        // A unit's MaaS revenue and tokens are its own lines and metering, per the model they name.
        add(KpiDefinition.REVENUE_PER_MILLION_TOKENS, Kind.RATIO, EnumSet.of(UNIT, CUSTOMER, CUSTOMER_KIND, MODEL),
                UNIT_METERING);
        add(KpiDefinition.RESOLUTION_RATE, Kind.RATIO, APPS, UNIT_APPS);
        add(KpiDefinition.CONVERSION_RATE, Kind.RATIO, APPS, UNIT_APPS);
        add(KpiDefinition.STICKINESS, Kind.RATIO, EnumSet.of(UNIT, APP), EnumSet.of(APP));
        // GPU resources belong to no unit: the group's bill splits by the model and the purpose it was spent on.
        add(KpiDefinition.AI_RESOURCE_COST, Kind.SUM, EnumSet.of(MODEL, PURPOSE), NONE);
        // Cash revenue per model less the GPU cost per model; by product the whole GPU cost is the residual row.
        add(KpiDefinition.AI_MARGIN, Kind.SUM, EnumSet.of(MODEL, PRODUCT), NONE);
        add(KpiDefinition.DOWNLOADS, Kind.SUM, HUB, NONE);
        add(KpiDefinition.LIKES, Kind.SUM, HUB, NONE);
        add(KpiDefinition.DERIVATIVES, Kind.SUM, HUB, NONE);
        add(KpiDefinition.CUSTOMERS_ONBOARDED, Kind.SUM, EnumSet.of(CUSTOMER_KIND), NONE);
        add(KpiDefinition.CUSTOMERS_WITH_USAGE, Kind.SUM, EnumSet.of(CUSTOMER_KIND), NONE);
        add(KpiDefinition.PAYING_CUSTOMERS, Kind.SUM, EnumSet.of(CUSTOMER_KIND), NONE);
        // Distinct users: a user of several units' (apps') apps is in each member once, and in the whole once.
        add(KpiDefinition.MAU, Kind.SUM, EnumSet.of(UNIT, APP), EnumSet.of(APP));
        add(KpiDefinition.AI_USERS, Kind.SUM, EnumSet.of(UNIT, APP), EnumSet.of(APP));
        // Weekly cohorts: a user first seen in several units' (apps') apps is in a cohort of each, and in one of the whole.
        add(KpiDefinition.WEEK4_RETENTION, Kind.RATIO, EnumSet.of(UNIT, APP), EnumSet.of(APP));
        add(KpiDefinition.AI_LIFT, Kind.DIFFERENCE, EnumSet.of(UNIT, APP), EnumSet.of(APP));
    }

    private DriverKpis() {
    }

    private static void add(KpiDefinition kpi, Kind kind, Set<Dimension> group, Set<Dimension> withinUnit) {
        TABLE.put(kpi, new Entry(kpi, kind, Set.copyOf(group), Set.copyOf(withinUnit)));
    }

    public static Optional<Entry> of(KpiDefinition kpi) {
        return Optional.ofNullable(TABLE.get(kpi));
    }

    public static List<Entry> all() {
        return List.copyOf(TABLE.values());
    }

    public static List<String> kpiIds() {
        return TABLE.keySet().stream().map(KpiDefinition::id).toList();
    }

    /** The labels of a set of dimensions in the enum's order. */
    public static List<String> labels(Set<Dimension> dimensions) {
        return Arrays.stream(Dimension.values()).filter(dimensions::contains).map(Dimension::label).toList();
    }
}
