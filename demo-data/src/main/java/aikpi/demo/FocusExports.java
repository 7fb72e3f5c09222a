package aikpi.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SYNTHETIC: FOCUS 1.0 billing exports written for the demo, in the columns and terms of the demo's November export
 * ({@link DemoDataSet#FOCUS_FILE}): each day of a month, per account, its Model Studio tokens and its PAI-EAS GPU
 * inference hours. Every row says it is synthetic; nothing here was billed to anyone.
 */
final class FocusExports {

    /** One billing account of an export, and what it spends on AI on an average day (CNY). */
    record Account(String id, String name, long dailyAiCny) {
    }

    static final String HEADER = "BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,"
            + "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,"
            + "ChargeFrequency,BilledCost,EffectiveCost,ListCost,ContractedCost,ConsumedQuantity,ConsumedUnit,"
            + "PricingQuantity,PricingUnit,ServiceCategory,ServiceName,ProviderName,PublisherName,InvoiceIssuerName,"
            + "RegionId,SkuId,Tags,x_DataSource";
    private static final String SOURCE = "\"synthetic: demo data written for the AI-conversion KPI suite, not a real bill\"";
    /** Synthetic prices: CNY per million tokens, and per GPU hour. */
    private static final BigDecimal PER_MILLION = new BigDecimal("0.80");
    private static final BigDecimal PER_GPU_HOUR = new BigDecimal("25.00");

    private FocusExports() {
    }

    /** One month's export of {@code accounts}: two rows per account and day. */
    static String month(YearMonth month, List<Account> accounts, SplittableRandom random) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        String periodStart = month.atDay(1) + "T00:00:00Z";
        String periodEnd = month.plusMonths(1).atDay(1) + "T00:00:00Z";
        for (Account a : accounts) {
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                String from = day + "T02:00:00Z";
                String to = day + "T03:00:00Z";
                long cny = a.dailyAiCny() * (80 + random.nextInt(41)) / 100;
                BigDecimal tokensCny = BigDecimal.valueOf(cny * 3 / 10);
                BigDecimal millions = tokensCny.divide(PER_MILLION, 1, RoundingMode.HALF_UP);
                BigDecimal hours = BigDecimal.valueOf(Math.max(1, cny * 7 / 10 / PER_GPU_HOUR.longValue()));
                csv.append(row(a, periodStart, periodEnd, from, to, "Model Studio qwen-plus",
                        millions.multiply(PER_MILLION).setScale(6, RoundingMode.HALF_UP), millions, "1M Tokens",
                        "sku-model-studio-qwen-pl"));
                csv.append(row(a, periodStart, periodEnd, from, to, "PAI-EAS GPU inference",
                        hours.multiply(PER_GPU_HOUR).setScale(4, RoundingMode.HALF_UP), hours, "Hours",
                        "sku-pai-eas-gpu-inferenc"));
            }
        }
        return csv.toString();
    }

    private static String row(Account a, String periodStart, String periodEnd, String from, String to, String service,
                              BigDecimal cost, BigDecimal quantity, String unit, String sku) {
        String c = cost.toPlainString();
        String q = quantity.toPlainString();
        return String.join(",", a.id(), a.name(), "CNY", periodStart, periodEnd, from, to, "Usage", "",
                service + " (synthetic)", "Usage-Based", c, c, c, c, q, unit, q, unit, "AI and Machine Learning", service,
                "Alibaba Cloud", "Alibaba Cloud", "Alibaba Cloud", "cn-hangzhou", sku, "", SOURCE) + "\n";
    }
}
