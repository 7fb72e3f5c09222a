package aikpi.billing.focus;

import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.Funding;
import aikpi.billing.ledger.LedgerLine;
import aikpi.billing.ledger.LedgerStore;
import aikpi.billing.ledger.Product;
import aikpi.platform.csv.FormulaSafeCsvPrinter;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;

/**
 * A period's ledger as a FOCUS cost-and-usage CSV file, the inverse of the import ({@link FocusMapping}): importing
 * the file into an empty service books the same attribution to the fen.
 *
 * <ul>
 *   <li>A cash line is one {@code Usage} row (an imported correction line a {@code ChargeClass = Correction} row, a
 *       correction sent as a ledger line an {@code Adjustment} row) on its booking day.</li>
 *   <li>A voucher-funded line is two rows: the {@code Usage} it paid for and a {@code Credit} of the same amount,
 *       negated, so that the import moves it from cash to voucher again. The voucher the ledger drew is written in
 *       the provider column {@code x_VoucherId}, for information: an import draws only a voucher that a credit's
 *       {@code Tags} name, so the file imports into a service that holds no vouchers.</li>
 *   <li>{@code Tags} carry {@value FocusMapping#TAG_CUSTOMER_KIND}, {@value FocusMapping#TAG_BUSINESS_UNIT} (internal
 *       customers) and {@value FocusMapping#TAG_PRODUCT}; the billing account is the customer id; billing periods
 *       are the UTC calendar months of the booking days; MaaS tokens are the consumed and pricing quantity in
 *       {@code Tokens}. Nulls are written as empty fields.</li>
 *   <li>Costs are written in the currency the line was billed in ({@code BillingCurrency}, {@code BilledCost} as
 *       billed), so a round trip gives the file's figures back; the CNY value the ledger booked is in
 *       {@code x_BilledCostCny}, made with {@code x_CnyPerUnit} of {@code x_FxRateDay} (empty for CNY).</li>
 *   <li>A text cell a spreadsheet would run as a formula (an id starting with {@code =}, {@code +}, {@code -},
 *       {@code @}, a tab or a carriage return) is written with a single quote in front ({@link FormulaSafeCsvPrinter});
 *       the import reads none of those cells back.</li>
 * </ul>
 */
@Singleton
public class FocusExport {

    /** The columns written, FOCUS 1.0 names first, then this ledger's own ({@code x_}). */
    public static final List<String> COLUMNS = List.of("BillingAccountId", "BillingAccountName", "BillingCurrency",
            "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory",
            "ChargeClass", "ChargeDescription", "ChargeFrequency", "BilledCost", "EffectiveCost", "ListCost",
            "ContractedCost", "ConsumedQuantity", "ConsumedUnit", "PricingQuantity", "PricingUnit", "ServiceCategory",
            "ServiceName", "ProviderName", "PublisherName", "InvoiceIssuerName", "SubAccountId", "SkuId", "Tags",
            "PricingCurrency", "PricingCurrencyEffectiveCost",
            "x_LedgerLineId", "x_Funding", "x_VoucherId", "x_BilledCostCny", "x_CnyPerUnit", "x_FxRateDay");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final LedgerStore ledger;
    private final ReportingZone zone;
    private final JsonMapper json;
    private final String provider;

    public FocusExport(LedgerStore ledger, ReportingZone zone, JsonMapper json,
                       @Value("${kpi.ledger.export.provider-name:Alibaba Cloud}") String provider) {
        this.ledger = ledger;
        this.zone = zone;
        this.json = json;
        this.provider = provider;
    }

    /** Writes the period's lines, in booking-day and line order, as they are read (never the whole ledger in memory). */
    public void write(Period period, Writer out) {
        try (FormulaSafeCsvPrinter csv = new FormulaSafeCsvPrinter(out, FORMAT)) {
            csv.printRecord(COLUMNS);
            ledger.forEachLineBooked(period.firstDay(), period.lastDay(), line -> {
                try {
                    for (List<String> row : rows(line)) {
                        csv.printRecord(row);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<String>> rows(LedgerLine l) {
        List<List<String>> rows = new ArrayList<>(2);
        boolean importedCorrection = l.importId() != null && l.lineId().endsWith("-c");
        String category = importedCorrection ? "Usage" : l.correctionOf() != null ? "Adjustment" : "Usage";
        rows.add(row(l, category, importedCorrection ? FocusMapping.CORRECTION : null, l.billedAmount(), l.amountCny(),
                true));
        if (l.funding() == Funding.VOUCHER) {
            rows.add(row(l, "Credit", importedCorrection ? FocusMapping.CORRECTION : null, l.billedAmount().negate(),
                    l.amountCny().negate(), false));
        }
        return rows;
    }

    private List<String> row(LedgerLine l, String category, String chargeClass, BigDecimal cost, BigDecimal cny,
                             boolean usage) {
        LocalDate day = l.bookedOn();
        LocalDate month = day.withDayOfMonth(1);
        Instant chargeStart = day.atStartOfDay(zone.zoneId()).toInstant();
        Instant chargeEnd = day.plusDays(1).atStartOfDay(zone.zoneId()).toInstant();
        String tokens = usage && l.product() == Product.MAAS_TOKENS ? Long.toString(l.tokenCount()) : null;
        // Fen at least, as amounts are shown; a billed amount with more decimals keeps them all.
        String amount = (cost.scale() < 2 ? cost.setScale(2) : cost).toPlainString();
        List<String> r = new ArrayList<>(COLUMNS.size());
        r.add(l.customerId());
        r.add(l.customerId());
        r.add(l.billedCurrency());
        r.add(UTC.format(month.atStartOfDay(ZoneOffset.UTC)));
        r.add(UTC.format(month.plusMonths(1).atStartOfDay(ZoneOffset.UTC)));
        r.add(UTC.format(chargeStart));
        r.add(UTC.format(chargeEnd));
        r.add(category);
        r.add(chargeClass);
        r.add(l.product() + (category.equals("Credit") ? " paid with a voucher" : "") + " (ledger line " + l.lineId() + ")");
        r.add("Usage-Based");
        r.add(amount);
        r.add(amount);
        r.add(amount);
        r.add(amount);
        r.add(tokens);
        r.add(tokens == null ? null : "Tokens");
        r.add(tokens);
        r.add(tokens == null ? null : "Tokens");
        r.add(FocusMapping.EXPORT_CATEGORIES.get(l.product()));
        r.add(l.product().name());
        r.add(provider);
        r.add(provider);
        r.add(provider);
        r.add(null);
        r.add(null);
        r.add(tags(l));
        r.add(usage ? l.pricingCurrency() : null);
        r.add(usage && l.pricingCost() != null ? l.pricingCost().toPlainString() : null);
        r.add(l.lineId());
        r.add(l.funding().name());
        r.add(l.voucherId());
        r.add(cny.toPlainString());
        r.add(l.fxRate().toPlainString());
        r.add(l.fxDay() == null ? null : l.fxDay().toString());
        return r;
    }

    private String tags(LedgerLine l) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(FocusMapping.TAG_CUSTOMER_KIND, l.customerKind().name());
        if (l.customerKind() == CustomerKind.INTERNAL && l.businessUnit() != null) {
            tags.put(FocusMapping.TAG_BUSINESS_UNIT, l.businessUnit());
        }
        tags.put(FocusMapping.TAG_PRODUCT, l.product().name());
        if (l.model() != null) {
            tags.put(FocusMapping.TAG_MODEL, l.model());
        }
        try {
            return json.writeValueAsString(tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
