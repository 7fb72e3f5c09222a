package aikpi.gateway.conversion;

import aikpi.gateway.sources.Source;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The KPIs of the executive view, each with the definition id and formula of the suite's design and the sources its
 * inputs come from. The article's warning stands behind the pairing: a volume figure is shown beside a quality one.
 * Their names in Chinese and English, which the dashboard shows in place of the ids, are kept beside this enum in
 * {@code KpiNames.properties}, keyed by id.
 */
public enum KpiDefinition {
    CLOUD_SHARE("cloud-share", "ratio", Nature.LEVEL, "cloud revenue ÷ group revenue", Source.BILLING),
    SHARE_GAP_PP("share-gap-to-baseline", "pp", Nature.LEVEL, traits(Trait.SIGNED), "cloud share − baseline (11% by default) in percentage points", Source.BILLING),
    AI_ATTRIBUTED_REVENUE("ai-attributed-revenue", "CNY", Nature.FLOW, "Σ ledger lines tagged with an AI driver (MaaS tokens, AI compute, AI apps)", Source.BILLING),
    AI_CASH_REVENUE("ai-cash-revenue", "CNY", Nature.FLOW, "AI-attributed revenue − the part funded by vouchers/credits", Source.BILLING),
    AI_VOUCHER_REVENUE("ai-voucher-revenue", "CNY", Nature.FLOW, "AI-attributed revenue funded by vouchers/credits (never shown as cash)", Source.BILLING),
    AI_SHARE_OF_CLOUD("ai-share-of-cloud", "ratio", Nature.LEVEL, "AI-attributed ÷ cloud revenue", Source.BILLING),
    AI_CASH_SHARE_OF_CLOUD("ai-cash-share-of-cloud", "ratio", Nature.LEVEL, traits(Trait.QUALITY), "AI cash revenue ÷ cloud revenue", Source.BILLING),
    SHARE_WITHOUT_AI("share-without-ai", "ratio", Nature.LEVEL, "(cloud − AI cash) ÷ (group − AI cash): cloud's share with no AI", Source.BILLING),
    REVENUE_PER_MILLION_TOKENS("revenue-per-million-tokens", "CNY", Nature.LEVEL, traits(Trait.QUALITY), "MaaS token revenue ÷ metered tokens × 10⁶", Source.BILLING, Source.TONGYI),
    // margin-per-million-tokens: which model families earn and which burn; a MaaS price war shows here first.
    MARGIN_PER_MILLION_TOKENS("margin-per-million-tokens", "CNY", Nature.LEVEL, traits(Trait.QUALITY, Trait.SIGNED), "per model family and for the group: Σ MaaS revenue ÷ Σ billed tokens × 10⁶ − Σ inference cost ÷ Σ metered tokens × 10⁶ (billing's ledger lines naming the model; tongyi's inference cost and tokens per model)", Source.BILLING, Source.TONGYI),
    AI_RESOURCE_COST("ai-resource-cost", "CNY", Nature.FLOW, "cost of the GPU resources burned for training and inference", Source.TONGYI),
    AI_MARGIN("ai-margin", "CNY", Nature.FLOW, traits(Trait.SIGNED), "AI cash revenue − AI resource cost; breakeven reached when ≥ 0", Source.BILLING, Source.TONGYI),
    DOWNLOADS("model-influence-downloads", "count", Nature.FLOW, "model hub downloads gained in the period", Source.TONGYI),
    LIKES("model-influence-likes", "count", Nature.FLOW, "model hub likes gained in the period", Source.TONGYI),
    DERIVATIVES("model-influence-derivatives", "count", Nature.FLOW, "derivative models (fine-tunes, quantizations, adapters, merges) gained in the period", Source.TONGYI),
    CUSTOMERS_ONBOARDED("tob-customers-onboarded", "count", Nature.LEVEL, "customers onboarded on the model platform by the period's end", Source.TONGYI),
    CUSTOMERS_WITH_USAGE("tob-customers-with-usage", "count", Nature.LEVEL, "customers with metered usage in the period", Source.TONGYI),
    PAYING_CUSTOMERS("tob-paying-customers", "count", Nature.LEVEL, "customers with cash ledger lines in the period", Source.BILLING),
    TOKENS("tob-tokens", "tokens", Nature.FLOW, traits(Trait.UNIT), "tokens metered in the period (input + output)", Source.TONGYI),
    MAAS_REVENUE("tob-maas-revenue", "CNY", Nature.FLOW, "MaaS token revenue booked in the period", Source.BILLING),
    BU_CLOUD_SPEND("bu-cloud-spend", "CNY", Nature.FLOW, traits(Trait.UNIT), "cloud spend of the group's own business units as internal customers (their ledger lines)", Source.BILLING),
    MAU("toc-mau", "users", Nature.LEVEL, traits(Trait.UNIT), "distinct users active in each calendar month, averaged", Source.QUARK),
    AI_USERS("toc-ai-users", "users", Nature.LEVEL, traits(Trait.UNIT), "distinct users with an AI session", Source.QUARK),
    AI_SESSIONS("toc-ai-sessions", "count", Nature.FLOW, traits(Trait.UNIT), "AI sessions started in the period", Source.QUARK),
    TURNS("toc-turns", "count", Nature.FLOW, traits(Trait.UNIT), "conversation turns of the period's AI sessions (volume, not value)", Source.QUARK),
    RESOLVED_SESSIONS("toc-resolved-sessions", "count", Nature.FLOW, traits(Trait.UNIT), "AI sessions whose outcome was RESOLVED", Source.QUARK),
    CONVERSIONS("toc-conversions", "count", Nature.FLOW, traits(Trait.UNIT), "AI sessions that led to a downstream action", Source.QUARK),
    STICKINESS("stickiness", "ratio", Nature.LEVEL, traits(Trait.QUALITY, Trait.UNIT), "average DAU ÷ MAU", Source.QUARK),
    RESOLUTION_RATE("assistant-resolution-rate", "ratio", Nature.LEVEL, traits(Trait.QUALITY, Trait.UNIT), "resolved ÷ sessions with a known outcome", Source.QUARK),
    TURNS_PER_RESOLVED("assistant-turns-per-resolved", "turns", Nature.LEVEL, traits(Trait.QUALITY, Trait.UNIT), "all turns ÷ resolved sessions: effort per success", Source.QUARK),
    AVG_RATING("assistant-rating", "1-5", Nature.LEVEL, traits(Trait.QUALITY, Trait.UNIT), "mean rating over rated sessions", Source.QUARK),
    CONVERSION_RATE("assistant-conversion-rate", "ratio", Nature.LEVEL, traits(Trait.QUALITY, Trait.UNIT), "conversions ÷ AI sessions", Source.QUARK),
    WEEK4_RETENTION("toc-week4-retention", "ratio", Nature.LEVEL, traits(Trait.QUALITY, Trait.UNIT), "share of the weekly cohorts (first-seen week) that completed week 4 in the period who opened an app again in week 4", Source.QUARK),
    // toc-ai-lift: AI that brings users who do not stay is volume, not value; the consumer side's test of AI conversion.
    // cost-per-resolved-session: the honest price of an answer; more sessions cannot lower it, only cheaper or better ones.
    COST_PER_RESOLVED_SESSION("cost-per-resolved-session", "CNY", Nature.LEVEL, traits(Trait.QUALITY, Trait.UNIT), "AI resource cost of the tokens the unit's apps used (Σ over models of its tokens × the model's inference cost per token in the period) ÷ resolved AI sessions", Source.TONGYI, Source.QUARK),
    AI_LIFT("toc-ai-lift", "pp", Nature.LEVEL, traits(Trait.QUALITY, Trait.SIGNED, Trait.UNIT), "week-4 retention of the cohorts' AI users (an AI session in their first week) − that of the others, in percentage points", Source.QUARK);

    /**
     * How a figure behaves over time. A FLOW adds up day by day (revenue, tokens, sessions): part of a running period
     * is expected to have earned part of its target. A LEVEL is compared as it stands (a ratio, an average, a count
     * of distinct customers or users, a stock).
     */
    public enum Nature { FLOW, LEVEL }

    /** What else a target may rely on. */
    public enum Trait {
        /** A quality figure: one a volume target's quality floor may name. */
        QUALITY,
        /** Can be negative (a margin, a gap in percentage points). */
        SIGNED,
        /** A business unit's scorecard computes it too, so a unit can be given a target for it. */
        UNIT
    }

    /** Each KPI's name in both languages, by id; read when the enum is, so a missing language fails at start. */
    private static final Map<String, Bilingual> NAMES = Bilingual.table(KpiDefinition.class, "KpiNames.properties");

    private final String id;
    private final String unit;
    private final Nature nature;
    private final Set<Trait> traits;
    private final String definition;
    private final List<Source> sources;

    KpiDefinition(String id, String unit, Nature nature, String definition, Source... sources) {
        this(id, unit, nature, EnumSet.noneOf(Trait.class), definition, sources);
    }

    KpiDefinition(String id, String unit, Nature nature, Set<Trait> traits, String definition, Source... sources) {
        this.id = id;
        this.unit = unit;
        this.nature = nature;
        this.traits = Set.copyOf(traits);
        this.definition = definition;
        this.sources = List.of(sources);
    }

    private static Set<Trait> traits(Trait first, Trait... rest) {
        return EnumSet.of(first, rest);
    }

    /** The definition of an id, if the view emits it. */
    public static Optional<KpiDefinition> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }

    public String id() {
        return id;
    }

    /** The KPI's name as people read it, in Chinese and English. */
    public Bilingual displayName() {
        Bilingual name = NAMES.get(id);
        if (name == null) {
            throw new IllegalStateException("KpiNames.properties has no name for " + id);
        }
        return name;
    }

    public String unit() {
        return unit;
    }

    public Nature nature() {
        return nature;
    }

    public boolean is(Trait trait) {
        return traits.contains(trait);
    }

    public String definition() {
        return definition;
    }

    public List<Source> sources() {
        return sources;
    }
}
