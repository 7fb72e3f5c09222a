package aikpi.billing;

import aikpi.platform.store.DerivedFiguresGuard;
import aikpi.platform.store.FiguresReadiness;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the service on a database whose previous run crashed, in a JVM of the launcher's flags, and says how its
 * recut ended ({@code PHASE READY} or why not), for {@link LargeLedgerRecutTest}. Exit 0 only when the figures are
 * right.
 */
public final class RecutAfterCrash {

    private RecutAfterCrash() {
    }

    public static void main(String[] args) {
        try {
            run(args[0]);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(2); // a failed start must not leave this JVM waiting on its threads
        }
    }

    private static void run(String url) {
        FiguresReadiness.Phase phase;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("datasources.default.url", url, "micronaut.server.port", -1), Environment.TEST)) {
            server.getApplicationContext().getBean(DerivedFiguresGuard.class).awaitDone(Duration.ofMinutes(5));
            FiguresReadiness readiness = server.getApplicationContext().getBean(FiguresReadiness.class);
            phase = readiness.phase();
            System.out.println("PHASE " + phase + " " + readiness.reason().orElse("")
                    + " heap used " + Runtime.getRuntime().totalMemory() / 1_048_576 + " MB of max "
                    + Runtime.getRuntime().maxMemory() / 1_048_576 + " MB");
        }
        System.exit(phase == FiguresReadiness.Phase.READY ? 0 : 3);
    }
}
