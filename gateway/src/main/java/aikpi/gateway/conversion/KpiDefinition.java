package aikpi.gateway.conversion;

import aikpi.gateway.sources.Source;
import java.util.List;

/**
 * The KPIs of the executive view, each with the definition id and formula of the suite's design and the sources its
 * inputs come from. The article's warning stands behind the pairing: a volume figure is shown beside a quality one.
 */
public enum KpiDefinition {
    CLOUD_SHARE("cloud-share", "ratio", "cloud revenue ÷ group revenue", Source.BILLING),
    SHARE_GAP_PP("share-gap-to-baseline", "pp", "cloud share − baseline (11% by default) in percentage points", Source.BILLING),
    AI_ATTRIBUTED_REVENUE("ai-attributed-revenue", "CNY", "Σ ledger lines tagged with an AI driver (MaaS tokens, AI compute, AI apps)", Source.BILLING),
    AI_CASH_REVENUE("ai-cash-revenue", "CNY", "AI-attributed revenue − the part funded by vouchers/credits", Source.BILLING),
    AI_VOUCHER_REVENUE("ai-voucher-revenue", "CNY", "AI-attributed revenue funded by vouchers/credits (never shown as cash)", Source.BILLING),
    AI_SHARE_OF_CLOUD("ai-share-of-cloud", "ratio", "AI-attributed ÷ cloud revenue", Source.BILLING),
    AI_CASH_SHARE_OF_CLOUD("ai-cash-share-of-cloud", "ratio", "AI cash revenue ÷ cloud revenue", Source.BILLING),
    SHARE_WITHOUT_AI("share-without-ai", "ratio", "(cloud − AI cash) ÷ (group − AI cash): cloud's share with no AI", Source.BILLING),
    REVENUE_PER_MILLION_TOKENS("revenue-per-million-tokens", "CNY", "MaaS token revenue ÷ metered tokens × 10⁶", Source.BILLING, Source.TONGYI),
    AI_RESOURCE_COST("ai-resource-cost", "CNY", "cost of the GPU resources burned for training and inference", Source.TONGYI),
    AI_MARGIN("ai-margin", "CNY", "AI cash revenue − AI resource cost; breakeven reached when ≥ 0", Source.BILLING, Source.TONGYI),
    DOWNLOADS("model-influence-downloads", "count", "model hub downloads gained in the period", Source.TONGYI),
    LIKES("model-influence-likes", "count", "model hub likes gained in the period", Source.TONGYI),
    DERIVATIVES("model-influence-derivatives", "count", "derivative models (fine-tunes, quantizations, adapters, merges) gained in the period", Source.TONGYI),
    CUSTOMERS_ONBOARDED("tob-customers-onboarded", "count", "customers onboarded on the model platform by the period's end", Source.TONGYI),
    CUSTOMERS_WITH_USAGE("tob-customers-with-usage", "count", "customers with metered usage in the period", Source.TONGYI),
    PAYING_CUSTOMERS("tob-paying-customers", "count", "customers with cash ledger lines in the period", Source.BILLING),
    TOKENS("tob-tokens", "tokens", "tokens metered in the period (input + output)", Source.TONGYI),
    MAAS_REVENUE("tob-maas-revenue", "CNY", "MaaS token revenue booked in the period", Source.BILLING),
    MAU("toc-mau", "users", "distinct users active in each calendar month, averaged", Source.QUARK),
    AI_USERS("toc-ai-users", "users", "distinct users with an AI session", Source.QUARK),
    AI_SESSIONS("toc-ai-sessions", "count", "AI sessions started in the period", Source.QUARK),
    TURNS("toc-turns", "count", "conversation turns of the period's AI sessions (volume, not value)", Source.QUARK),
    RESOLVED_SESSIONS("toc-resolved-sessions", "count", "AI sessions whose outcome was RESOLVED", Source.QUARK),
    CONVERSIONS("toc-conversions", "count", "AI sessions that led to a downstream action", Source.QUARK),
    STICKINESS("stickiness", "ratio", "average DAU ÷ MAU", Source.QUARK),
    RESOLUTION_RATE("assistant-resolution-rate", "ratio", "resolved ÷ sessions with a known outcome", Source.QUARK),
    TURNS_PER_RESOLVED("assistant-turns-per-resolved", "turns", "all turns ÷ resolved sessions: effort per success", Source.QUARK),
    AVG_RATING("assistant-rating", "1-5", "mean rating over rated sessions", Source.QUARK),
    CONVERSION_RATE("assistant-conversion-rate", "ratio", "conversions ÷ AI sessions", Source.QUARK);

    private final String id;
    private final String unit;
    private final String definition;
    private final List<Source> sources;

    KpiDefinition(String id, String unit, String definition, Source... sources) {
        this.id = id;
        this.unit = unit;
        this.definition = definition;
        this.sources = List.of(sources);
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public String definition() {
        return definition;
    }

    public List<Source> sources() {
        return sources;
    }
}
