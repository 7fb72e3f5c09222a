package aikpi.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker for tests: one node that is broker and controller (KRaft, no ZooKeeper), formatted and
 * started in a JVM of its own from the Kafka jars this module depends on, whose classpath the build records in
 * {@code aikpi/kafka/broker.classpath}. It listens on free ports of 127.0.0.1, creates topics on first use with
 * {@value #DEFAULT_PARTITIONS} partitions, and logs to {@code broker.log} in its directory.
 *
 * <p>{@link #shared()} is one broker per test JVM, stopped when that JVM ends; {@link #start(Path)} a broker of one's
 * own; {@link #main} runs one for a developer until interrupted (see the README of tongyi-service).
 */
public final class KafkaTestBroker implements AutoCloseable {

    static final int DEFAULT_PARTITIONS = 4;
    private static final String READY = "Kafka Server started";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static KafkaTestBroker shared;

    private final Path dir;
    private final int port;
    private final Process process;

    private KafkaTestBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The broker of this JVM's tests, started on first use and stopped when the JVM ends. */
    public static synchronized KafkaTestBroker shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("kafka-test-broker"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            KafkaTestBroker broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-test-broker-stop"));
        }
        return shared;
    }

    /** Formats {@code dir} as a new single-node cluster and starts its broker; answers once it takes clients. */
    public static KafkaTestBroker start(Path dir) throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=" + DEFAULT_PARTITIONS,
                "auto.create.topics.enable=true",
                // One node: every internal topic has one replica, and fewer partitions than a cluster's default so
                // that the group coordinator is ready in a second.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + dir.resolve("broker.log").toAbsolutePath(),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "logger.log.name=kafka.log",
                "logger.log.level=WARN",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                ""));
        String clusterId = clusterId();
        Process format = java(dir, log4j, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                config.toAbsolutePath().toString()).redirectOutput(dir.resolve("format.log").toFile())
                .redirectErrorStream(true).start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka log directory failed; see " + dir.resolve("format.log")
                        + ":\n" + Files.readString(dir.resolve("format.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the Kafka log directory", e);
        }
        Process broker = java(dir, log4j, "kafka.Kafka", config.toAbsolutePath().toString())
                .redirectOutput(dir.resolve("broker.out").toFile()).redirectErrorStream(true).start();
        KafkaTestBroker started = new KafkaTestBroker(dir, port, broker);
        started.awaitReady();
        return started;
    }

    /** host:port for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Where the broker keeps its configuration, data and logs. */
    public Path directory() {
        return dir;
    }

    /** Stops the broker: a clean shutdown, forced after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Runs a broker until the process is stopped: {@code java -cp … aikpi.kafka.KafkaTestBroker [directory]}. */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("kafka-test-broker");
        KafkaTestBroker broker = start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("Kafka broker ready: KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers() + " (data in "
                + dir + ")");
        broker.process.waitFor();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path log = dir.resolve("broker.log");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Kafka broker stopped while starting; see " + dir.resolve("broker.out")
                        + ":\n" + tail(dir.resolve("broker.out")) + tail(log));
            }
            if (Files.exists(log) && Files.readString(log).contains(READY) && accepts(port)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while the Kafka broker started", e);
            }
        }
        close();
        throw new IllegalStateException("The Kafka broker was not ready within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static ProcessBuilder java(Path dir, Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:+UseParallelGC", "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(),
                "-cp", classpath(), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    private static String classpath() {
        try (InputStream in = KafkaTestBroker.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("aikpi/kafka/broker.classpath is missing: build kafka-test-broker with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new cluster id as Kafka writes one: 16 random bytes, URL-safe base64 without padding. */
    private static String clusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        bytes[0] &= 0x7f; // never starts with '-', which the storage tool would read as an option (Kafka avoids it too)
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
    }
}
