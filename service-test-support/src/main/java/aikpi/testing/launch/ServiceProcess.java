package aikpi.testing.launch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** A service process a {@link ServiceLauncher} started: its health, a sign-in, a clean stop and a {@code kill -9}. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final String module;
    private final String url;
    private final Process process;
    private final long startedNanos;
    private final Path log;
    private volatile long healthyNanos = -1;

    ServiceProcess(String module, String url, Process process, long startedNanos, Path log) {
        this.module = module;
        this.url = url;
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    public String module() {
        return module;
    }

    public String url() {
        return url;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /**
     * Waits until {@code GET /health} answers 200, asking every {@code poll}; fails at once if the process exits, and
     * with the log's last lines after {@code limit}.
     *
     * @return the time from the start to the first 200
     */
    public Duration awaitHealthy(Duration limit, Duration poll) {
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await(module + " answers /health").atMost(limit).pollDelay(Duration.ZERO).pollInterval(poll)
                    .failFast(module + " exited while starting", () -> !process.isAlive())
                    .until(() -> healthy(health));
        } catch (TerminalFailureException e) {
            throw new IllegalStateException(module + " exited while starting (exit " + exitValue() + ")" + logTail(), e);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(module + " did not become healthy in " + limit + logTail(), e);
        }
        return Duration.ofNanos(healthyNanos - startedNanos);
    }

    private boolean healthy(HttpRequest health) throws InterruptedException {
        try {
            if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                healthyNanos = System.nanoTime();
                return true;
            }
        } catch (IOException notYet) {
            // not listening yet
        }
        return false;
    }

    /** Signs in with the development login ({@code POST /login}); answers the access token. */
    public String signIn(String username, String password) throws IOException, InterruptedException {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/login"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("signing in to " + module + " as " + username + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
        return m.group(1);
    }

    /** Sends SIGTERM without waiting (to stop several services at once, then {@link #awaitExit}). */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; {@code kill -9} if it has not within {@code grace}. */
    public void awaitExit(Duration grace) throws InterruptedException {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A normal stop (SIGTERM: the service shuts down and closes its database), {@code kill -9} after {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        if (process.isAlive()) {
            terminate();
            awaitExit(grace);
        }
    }

    /** {@code kill -9}: the process ends at once, mid-request, with whatever its database had written. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(module + " survived kill -9");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }

    private String exitValue() {
        return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
    }

    private String logTail() {
        if (log == null || !Files.isRegularFile(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "; " + log + ", last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "; see " + log;
        }
    }
}
