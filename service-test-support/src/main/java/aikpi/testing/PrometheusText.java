package aikpi.testing;

import java.util.Arrays;

/** Reads a service's {@code /prometheus} answer in the tests: one reading of the exposition text for every test. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of the samples of the metric {@code name} (its exposition name, e.g. {@code kpi_ingest_items_total}) whose
     * labels include every one of {@code labels} (each as written, e.g. {@code stream="kafka"}); 0 when there is none.
     */
    public static double sum(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
