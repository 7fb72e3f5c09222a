package aikpi.gateway.conversion;

import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** A text in the dashboard's two languages, Chinese and English. */
@Serdeable
public record Bilingual(String zh, String en) {

    /**
     * Reads a table of {@code <key>.zh} and {@code <key>.en} lines (UTF-8 properties) kept beside {@code owner}, in
     * its package. A key with one language only is refused when the table is read, not when a page first shows it.
     */
    public static Map<String, Bilingual> table(Class<?> owner, String resource) {
        Properties lines = new Properties();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " beside " + owner.getName());
            }
            lines.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Bilingual> table = new TreeMap<>();
        for (String name : lines.stringPropertyNames()) {
            int dot = name.lastIndexOf('.');
            String key = name.substring(0, dot);
            String zh = lines.getProperty(key + ".zh");
            String en = lines.getProperty(key + ".en");
            if (zh == null || en == null || zh.isBlank() || en.isBlank()) {
                throw new IllegalStateException(resource + ": " + key + " needs both .zh and .en");
            }
            table.put(key, new Bilingual(zh, en));
        }
        return Map.copyOf(table);
    }
}
