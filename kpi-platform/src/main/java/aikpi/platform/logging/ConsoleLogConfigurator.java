package aikpi.platform.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The services' logging configuration, written in Java: every line to standard output as
 * {@code HH:mm:ss.SSS LEVEL [thread] logger - message}, the root level from {@code LOG_LEVEL} (a system property or
 * an environment variable, default {@code info}). Logback finds it through {@link java.util.ServiceLoader} (and
 * Micronaut's logging system, when it reconfigures logback, does too).
 *
 * <p>It replaces a {@code logback.xml} of the same content because the XML route costs every service some 370 loaded
 * classes (logback's configuration model and the JDK's XML parser) that stay in memory for the life of the process
 * (docs/STARTUP.md). An operator's own XML configuration still wins: with {@code -Dlogback.configurationFile=...} or
 * a {@code logback.xml} / {@code logback-test.xml} on the class path (the tests keep theirs) this configurator leaves
 * the context to logback's own XML configurator.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    static final String LEVEL_VARIABLE = "LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (operatorConfigured()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(setting(LEVEL_VARIABLE)));
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The root level a {@code LOG_LEVEL} value names; {@code info} when it is unset or names no level. */
    static Level rootLevel(String value) {
        return Level.toLevel(value == null ? null : value.trim(), Level.INFO);
    }

    private boolean operatorConfigured() {
        ClassLoader loader = getClass().getClassLoader();
        return System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
                || loader.getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null
                || loader.getResource(ClassicConstants.AUTOCONFIG_FILE) != null;
    }

    /** As logback's {@code ${LOG_LEVEL}} resolves it: a system property first, then the environment. */
    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }
}
