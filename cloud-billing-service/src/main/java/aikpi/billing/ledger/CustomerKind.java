package aikpi.billing.ledger;

/** External company, one of the group's own business units, or a model company the group has invested in. */
public enum CustomerKind {
    EXTERNAL,
    INTERNAL,
    INVESTEE
}
