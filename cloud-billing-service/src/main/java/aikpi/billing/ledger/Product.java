package aikpi.billing.ledger;

/** What a ledger line sells. The first three are the AI drivers of cloud revenue; the rest is cloud as before. */
public enum Product {
    MAAS_TOKENS(true),
    AI_COMPUTE(true),
    AI_APPS(true),
    IAAS(false),
    PAAS(false),
    SAAS(false),
    OTHER(false);

    private final boolean aiDriven;

    Product(boolean aiDriven) {
        this.aiDriven = aiDriven;
    }

    /** True for revenue tagged with an AI driver: model tokens (MaaS), AI compute and AI applications. */
    public boolean aiDriven() {
        return aiDriven;
    }
}
