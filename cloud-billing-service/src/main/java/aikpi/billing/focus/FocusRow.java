package aikpi.billing.focus;

import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One FOCUS row that passed the row rules, in ledger terms ({@link FocusMapping}).
 *
 * @param line             the line of the file the row starts on (the header is line 1)
 * @param billingAccountId the provider's account id, as written
 * @param periodStart      {@code BillingPeriodStart}: with the account, the unit a later file restates
 * @param bookedOn         the day the row is booked on (reporting zone; a correction's: its billing period's first day)
 * @param charge           what the row's {@code ChargeCategory} is to the ledger (never {@code TAX}: those are skipped)
 * @param correction       {@code ChargeClass = Correction}
 * @param billedCost       {@code BilledCost}, exact as written
 * @param product          the product it books as
 * @param tokens           the quantity in tokens for a token unit, exact; null otherwise
 * @param kind             the customer kind its {@code Tags} name, or null
 * @param businessUnit     the business unit its {@code Tags} name, or null
 * @param voucherId        the voucher a credit's {@code Tags} name, or null
 * @param currency         {@code BillingCurrency}, an ISO 4217 code: what {@code billedCost} is in
 * @param pricingCurrency  FOCUS 1.2's {@code PricingCurrency} (national or virtual), or null
 * @param pricingCost      FOCUS 1.2's {@code PricingCurrencyEffectiveCost}, or null: kept, never revenue
 * @param model            the model a MaaS token row's {@code Tags} name, or null
 */
public record FocusRow(long line, String billingAccountId, Instant periodStart, LocalDate bookedOn,
                       FocusMapping.Charge charge, boolean correction, BigDecimal billedCost, Product product,
                       BigDecimal tokens, CustomerKind kind, String businessUnit, String voucherId,
                       String currency, String pricingCurrency, BigDecimal pricingCost, String model) {
}
