package aikpi.billing.ledger;

import aikpi.platform.ingest.IngestResult;
import aikpi.platform.problem.NotFoundException;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.Slug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

@Tag(name = "ledger")
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/ledger")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LedgerController {

    private final LedgerIngestService ingest;
    private final LedgerLineRepository lines;
    private final LedgerSummaryService summaries;

    public LedgerController(LedgerIngestService ingest, LedgerLineRepository lines, LedgerSummaryService summaries) {
        this.ingest = ingest;
        this.lines = lines;
        this.summaries = summaries;
    }

    @Operation(summary = "Record a batch of up to 10,000 ledger lines",
            description = "Atomic: one bad line rejects the batch (400, every offender named by index) and nothing is "
                    + "stored. Idempotent: a lineId seen before, in this batch or an earlier one, is acknowledged as a "
                    + "duplicate. A correction is a new line naming the corrected line in correctionOf, carrying the "
                    + "signed difference. Voucher-funded lines draw their voucher down; a line that would overdraw "
                    + "it, use it outside its validity or use another customer's voucher is rejected.")
    @Secured(Roles.BILLING_WRITER)
    @AuditedWrite
    @Post("/lines")
    public IngestResult record(@Body List<LedgerLineRequest> batch) {
        return ingest.ingest(batch);
    }

    /** A line with the corrections made to it and its amount after them. */
    @Serdeable
    public record LineHistory(LedgerLine line, List<LedgerLine> corrections, BigDecimal effectiveAmountCny,
                              @Nullable Long effectiveTokens) {
    }

    @Operation(summary = "One ledger line, its corrections, and its amount after them")
    @Get("/lines/{lineId}")
    public LineHistory line(@PathVariable String lineId) {
        LedgerLine line = lines.findById(lineId).orElseThrow(() -> new NotFoundException("ledger line", lineId));
        List<LedgerLine> corrections = lines.findByCorrectionOf(lineId).stream()
                .sorted(Comparator.comparing(LedgerLine::recordedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                        .thenComparing(LedgerLine::lineId))
                .toList();
        BigDecimal amount = line.amountCny();
        long tokens = line.tokenCount();
        for (LedgerLine c : corrections) {
            amount = amount.add(c.amountCny());
            tokens += c.tokenCount();
        }
        return new LineHistory(line, corrections, Money.cny(amount), line.tokens() == null ? null : tokens);
    }

    @Operation(summary = "Customers paying cash in a period (any period: day, month, quarter), in all and by customer "
            + "kind",
            description = "A customer pays when its cash lines of the period, corrections included, add up to more "
                    + "than zero; attribution's payingCustomers counts the same for a quarter.")
    @Get("/paying-customers")
    public PayingCustomers payingCustomers(@QueryValue String period) {
        Period p = Period.parse(period);
        Map<CustomerKind, Long> byKind = PayingCustomers.byKind(summaries.amountsIn(p));
        return new PayingCustomers(p.label(), p.firstDay(), p.lastDay(),
                byKind.values().stream().mapToLong(Long::longValue).sum(), byKind);
    }

    /** Ledger sums of a period, in total or by one dimension. */
    @Serdeable
    public record LedgerSummary(String period, LocalDate from, LocalDate to, String groupBy, List<LedgerSummaryRow> rows) {
    }

    /** A period's revenue per booking day and business unit. */
    @Serdeable
    public record LedgerDays(String period, LocalDate from, LocalDate to, List<LedgerSummaryService.LedgerDay> rows) {
    }

    @Operation(summary = "Revenue per booking day of a period (any period) and business unit: the daily series a "
            + "running period's AI revenue is projected from",
            description = "One row per day and business unit that has lines: a unit's row sums its own (INTERNAL) "
                    + "lines, the row with a null businessUnit every other line; the day's group figure is the sum of "
                    + "its rows. Each row has its revenue (amountCny), the AI-attributed part (aiCny), the cash of it "
                    + "(aiCashCny; the voucher-funded AI revenue is aiCny − aiCashCny) and MaaS token revenue "
                    + "(maasCny). A line counts on the day it is booked: a FOCUS row on its ChargePeriodStart day.")
    @Get("/daily")
    public LedgerDays daily(@QueryValue String period) {
        Period p = Period.parse(period);
        return new LedgerDays(p.label(), p.firstDay(), p.lastDay(), summaries.days(p));
    }

    @Operation(summary = "Ledger sums of a period (any period: day, month, quarter), in total or by customer, "
            + "customerKind, product, businessUnit (INTERNAL lines), funding, currency or model (MaaS token lines "
            + "naming one)",
            description = "Each row also has its AI-attributed part (aiCny), the cash of it (aiCashCny) and MaaS token "
                    + "revenue (maasCny). businessUnit: that unit's own (INTERNAL) lines only, by product "
                    + "(groupBy=product) or by the model its MaaS lines name (groupBy=model).")
    @Get("/summary")
    public LedgerSummary summary(@QueryValue String period, @QueryValue @Nullable String groupBy,
                                 @QueryValue @Nullable String businessUnit) {
        Period p = Period.parse(period);
        LedgerGrouping grouping = LedgerGrouping.parse(groupBy);
        if (businessUnit != null) {
            String unit = Slug.require("businessUnit", businessUnit);
            if (grouping != LedgerGrouping.PRODUCT && grouping != LedgerGrouping.MODEL) {
                throw new InvalidRequestException("businessUnit narrows a summary by product or model only: add "
                        + "groupBy=product or groupBy=model.");
            }
            return new LedgerSummary(p.label(), p.firstDay(), p.lastDay(), grouping.label(),
                    grouping == LedgerGrouping.MODEL ? summaries.modelsOf(p, unit) : summaries.productsOf(p, unit));
        }
        return new LedgerSummary(p.label(), p.firstDay(), p.lastDay(), grouping.label(), summaries.summary(p, grouping));
    }
}
