package aikpi.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ConsoleLogConfiguratorTest {

    @Test
    void logbackFindsItThroughTheServiceLoader() {
        List<Class<?>> found = new ArrayList<>();
        ServiceLoader.load(Configurator.class).forEach(c -> found.add(c.getClass()));
        assertThat(found).contains(ConsoleLogConfigurator.class);
    }

    @Test
    void writesEveryLineToStandardOutputWithTheServicesPattern() {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> appender = root.getAppender("STDOUT");
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        assertThat(appender.isStarted()).isTrue();
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
        assertThat(console.getTarget()).isEqualTo("System.out");
        assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(ConsoleLogConfigurator.PATTERN);
        // LOG_LEVEL is not set in the test run: the root level is info.
        assertThat(System.getenv(ConsoleLogConfigurator.LEVEL_VARIABLE)).isNull();
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        context.stop();
    }

    @Test
    void theRootLevelComesFromLogLevelAndFallsBackToInfo() {
        assertThat(ConsoleLogConfigurator.rootLevel("debug")).isEqualTo(Level.DEBUG);
        assertThat(ConsoleLogConfigurator.rootLevel(" WARN ")).isEqualTo(Level.WARN);
        assertThat(ConsoleLogConfigurator.rootLevel("off")).isEqualTo(Level.OFF);
        assertThat(ConsoleLogConfigurator.rootLevel("loud")).isEqualTo(Level.INFO);
        assertThat(ConsoleLogConfigurator.rootLevel(null)).isEqualTo(Level.INFO);

        System.setProperty(ConsoleLogConfigurator.LEVEL_VARIABLE, "error");
        try {
            LoggerContext context = new LoggerContext();
            new ConsoleLogConfigurator().configure(context);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.ERROR);
            context.stop();
        } finally {
            System.clearProperty(ConsoleLogConfigurator.LEVEL_VARIABLE);
        }
    }

    @Test
    void anOperatorsXmlConfigurationWins() {
        System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, "/etc/kpi/logback.xml");
        try {
            LoggerContext context = new LoggerContext();
            ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
            configurator.setContext(context);

            assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
            context.stop();
        } finally {
            System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        }
    }
}
