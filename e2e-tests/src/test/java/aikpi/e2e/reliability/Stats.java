package aikpi.e2e.reliability;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Latency samples of one endpoint (thread-safe) and the small printing helpers the harnesses share. */
final class Stats {

    private final String name;
    private double[] samples = new double[1024];
    private int count;
    private long errors;

    Stats(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized void add(double millis) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = millis;
    }

    synchronized void error() {
        errors++;
    }

    synchronized int count() {
        return count;
    }

    synchronized long errors() {
        return errors;
    }

    synchronized double percentile(double p) {
        return percentile(Arrays.copyOf(samples, count), p);
    }

    synchronized double max() {
        double m = 0;
        for (int i = 0; i < count; i++) {
            m = Math.max(m, samples[i]);
        }
        return m;
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int index = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, index))];
    }

    static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0));
    }

    /** A plain text table: a header row and rows, columns padded to their widest cell. */
    static String table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] width = new int[header.size()];
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < all.size(); n++) {
            List<String> r = all.get(n);
            b.append("  ");
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                boolean numeric = n > 0 && cell.matches("[-+]?[0-9.,]+( ?(ms|/s|%|s))?");
                b.append(numeric ? " ".repeat(width[i] - cell.length()) + cell : cell + " ".repeat(width[i] - cell.length()));
                b.append(i < r.size() - 1 ? "  " : "");
            }
            b.append('\n');
            if (n == 0) {
                b.append("  ");
                for (int i = 0; i < width.length; i++) {
                    b.append("-".repeat(width[i])).append(i < width.length - 1 ? "  " : "");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }
}
