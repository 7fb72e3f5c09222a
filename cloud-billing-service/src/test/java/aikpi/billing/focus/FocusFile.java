package aikpi.billing.focus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A small synthetic FOCUS file for tests, written with the CSV library; every row is one test's own. */
final class FocusFile {

    static final List<String> COLUMNS = List.of("BillingAccountId", "BillingAccountName", "BillingPeriodStart",
            "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "BilledCost", "EffectiveCost", "BillingCurrency", "ServiceCategory", "ServiceName",
            "ConsumedQuantity", "ConsumedUnit", "PricingQuantity", "PricingUnit", "Tags", "x_Region");

    private final List<Map<String, String>> rows = new ArrayList<>();

    /** A usage row of the account on the day (UTC hour 04:00, the same day in Asia/Shanghai). */
    Map<String, String> usage(String account, String day, String cost, String serviceCategory) {
        Map<String, String> r = new LinkedHashMap<>();
        String month = day.substring(0, 7);
        r.put("BillingAccountId", account);
        r.put("BillingAccountName", account + " name");
        r.put("BillingPeriodStart", month + "-01T00:00:00Z");
        r.put("BillingPeriodEnd", java.time.YearMonth.parse(month).plusMonths(1) + "-01T00:00:00Z");
        r.put("ChargePeriodStart", day + "T04:00:00Z");
        r.put("ChargePeriodEnd", day + "T05:00:00Z");
        r.put("ChargeCategory", "Usage");
        r.put("ChargeDescription", "synthetic test row");
        r.put("BilledCost", cost);
        r.put("EffectiveCost", cost);
        r.put("BillingCurrency", "CNY");
        r.put("ServiceCategory", serviceCategory);
        r.put("ServiceName", serviceCategory + " service");
        r.put("x_Region", "cn-hangzhou");
        rows.add(r);
        return r;
    }

    Map<String, String> credit(String account, String day, String cost, String serviceCategory) {
        Map<String, String> r = usage(account, day, cost, serviceCategory);
        r.put("ChargeCategory", "Credit");
        return r;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CSVPrinter csv = new CSVPrinter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (Map<String, String> r : rows) {
                csv.printRecord(COLUMNS.stream().map(c -> r.getOrDefault(c, "")).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
