package aikpi.testing;

import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Instances of one service running side by side on one {@link SharedDatabase}, as behind a load balancer, and calls
 * sent to them at the same moment. Nothing one instance keeps in memory can make their answers agree: only what the
 * database enforces can.
 */
public final class ServiceInstances implements AutoCloseable {

    private final List<EmbeddedServer> servers = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();

    private ServiceInstances() {
    }

    /** Starts {@code count} instances on {@code database}, one after another (the first one migrates it). */
    public static ServiceInstances start(SharedDatabase database, int count, Map<String, Object> properties) {
        ServiceInstances instances = new ServiceInstances();
        try {
            for (int i = 0; i < count; i++) {
                EmbeddedServer server = database.start(properties);
                instances.servers.add(server);
                instances.clients.add(clientOf(server));
            }
        } catch (RuntimeException e) {
            instances.close();
            throw e;
        }
        return instances;
    }

    public static ServiceInstances start(SharedDatabase database, int count) {
        return start(database, count, Map.of());
    }

    /**
     * A client of a running instance, made by the instance's own application context so that the client filters the
     * tests configure there apply to it.
     */
    public static HttpClient clientOf(EmbeddedServer server) {
        return server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    public int size() {
        return servers.size();
    }

    /** A client of instance {@code i}. */
    public BlockingHttpClient client(int i) {
        return clients.get(i).toBlocking();
    }

    /**
     * Runs every call on a thread of its own, all released at the same moment, and answers their results in the
     * calls' order. A call that fails fails this one, with its own exception.
     */
    public static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(2, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::close);
        servers.forEach(EmbeddedServer::close);
    }
}
