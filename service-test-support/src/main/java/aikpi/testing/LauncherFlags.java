package aikpi.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JVM flags {@code bin/start-service.sh} starts a module with, as the launcher itself answers them. */
public final class LauncherFlags {

    private LauncherFlags() {
    }

    /**
     * What {@code bin/start-service.sh --flags <module>} prints: the shipped flags of that module (a candidate's
     * {@code KPI_JVM_FLAGS} in this process's environment is not passed on), without the class-data archive's.
     *
     * @return the flags, or an empty list when the suite's launcher is not under {@code root} or does not answer
     */
    public static List<String> shipped(Path root, String module) {
        Path script = root == null ? null : root.resolve("bin").resolve("start-service.sh");
        if (script == null || !Files.isRegularFile(script)) {
            return List.of();
        }
        ProcessBuilder ask = new ProcessBuilder("bash", script.toString(), "--flags", module).redirectErrorStream(true);
        ask.environment().remove("KPI_JVM_FLAGS");
        try {
            Process process = ask.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return List.of();
            }
            return out.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
