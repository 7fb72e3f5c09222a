package aikpi.platform.warmup;

import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the server listens, asks the service's own read endpoints ({@code kpi.warm-up.paths}) over loopback, as the
 * gateway asks them, a few rounds, before the service says it is ready ({@link WarmUpHealth}). A fresh JVM answered
 * its first reads 10–30 times slower than its later ones (classes loaded and initialised, beans created, the token
 * check, the queries' plans, the serializers, code not yet compiled); this pays for it before a client waits on it.
 * Answers are thrown away: nothing is cached by it. It stops at {@code kpi.warm-up.limit}, and any failure only ends it
 * early: readiness never waits on it longer than that.
 */
@Singleton
@Requires(notEnv = Environment.TEST)
@Requires(property = "kpi.warm-up.enabled", notEquals = "false")
@Requires(classes = HttpClient.class)
public class StartupWarmUp implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);

    private final List<String> paths;
    private final List<String> waitFor;
    private final List<WarmUpStep> steps;
    private final int rounds;
    private final Duration limit;
    private final ReportingZone zone;
    private final Optional<WarmUpCredential> credential;
    private final Optional<LatestDataDay> latestData;
    private volatile boolean done;

    /**
     * @param waitFor URLs that must answer 200 before the warm-up starts (the services a warm-up step calls), asked
     *                until they do or the limit has passed; then the warm-up ends without running
     */
    public StartupWarmUp(@Value("${kpi.warm-up.paths:}") List<String> paths,
                         @Value("${kpi.warm-up.wait-for:}") List<String> waitFor,
                         @Value("${kpi.warm-up.rounds:3}") int rounds,
                         @Value("${kpi.warm-up.limit:15s}") Duration limit,
                         ReportingZone zone, Optional<WarmUpCredential> credential,
                         Optional<LatestDataDay> latestData, List<WarmUpStep> steps) {
        // An empty setting reads as one empty entry.
        this.paths = paths.stream().filter(p -> !p.isBlank()).toList();
        this.waitFor = waitFor.stream().filter(u -> !u.isBlank()).toList();
        this.steps = steps;
        this.rounds = rounds;
        this.limit = limit;
        this.zone = zone;
        this.credential = credential;
        this.latestData = latestData;
    }

    /** Whether the warm-up has finished (or given up). */
    public boolean done() {
        return done;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (paths.isEmpty() && steps.isEmpty()) {
            done = true;
            return;
        }
        URL self;
        try {
            self = new URL("http", "127.0.0.1", event.getSource().getPort(), "/");
        } catch (MalformedURLException e) {
            done = true;
            return;
        }
        Thread thread = new Thread(() -> run(self), "start-up-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private boolean awaitOthers(long deadline) throws InterruptedException {
        for (String url : waitFor) {
            while (!answers(url)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(100);
            }
        }
        return true;
    }

    private static boolean answers(String url) {
        try (HttpClient client = HttpClient.create(new URL(url))) {
            return client.toBlocking().exchange(HttpRequest.GET(url)).getStatus().getCode() == 200;
        } catch (MalformedURLException | RuntimeException notYet) {
            return false;
        }
    }

    /** The service's latest data day; empty when it holds none or cannot say (the warm-up never fails on it). */
    private Optional<LocalDate> latestDataDay() {
        try {
            return latestData.flatMap(LatestDataDay::latestDataDay);
        } catch (RuntimeException e) {
            LOG.info("Start-up warm-up: the latest data day could not be read ({}); only the running periods are asked",
                    e.toString());
            return Optional.empty();
        }
    }

    private void run(URL self) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        int calls = 0;
        try (HttpClient client = HttpClient.create(self)) {
            if (!awaitOthers(deadline)) {
                LOG.info("Start-up warm-up skipped: {} did not all answer within {}", waitFor, limit);
                return;
            }
            List<String> expanded = WarmUpPaths.expand(paths, zone.today(Clock.systemUTC()), latestDataDay());
            String authorization = credential.map(WarmUpCredential::authorization).orElse(null);
            for (int round = 0; round < rounds; round++) {
                for (String path : expanded) {
                    if (System.nanoTime() > deadline) {
                        LOG.info("Start-up warm-up stopped at its limit of {} after {} calls", limit, calls);
                        return;
                    }
                    HttpRequest<?> request = HttpRequest.GET(path);
                    if (authorization != null) {
                        request = HttpRequest.GET(path).header("Authorization", authorization);
                    }
                    try {
                        client.toBlocking().exchange(request, String.class);
                    } catch (HttpClientException answeredOrFailed) {
                        // A 4xx/5xx warms the same path up to where it was refused; the answer is not what counts.
                    }
                    calls++;
                }
                for (WarmUpStep step : steps) {
                    if (System.nanoTime() > deadline) {
                        LOG.info("Start-up warm-up stopped at its limit of {} after {} calls", limit, calls);
                        return;
                    }
                    step.run();
                    calls++;
                }
            }
            LOG.info("Start-up warm-up: {} calls in {} ms", calls, (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Start-up warm-up ended early after {} calls: {}", calls, e.toString());
        } finally {
            done = true;
        }
    }
}
