package aikpi.billing.vouchers;

/** Who a voucher was given to: a model company the group invested in, a partner, or anyone else. */
public enum VoucherHolderKind {
    INVESTEE,
    PARTNER,
    OTHER
}
