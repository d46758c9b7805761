package dev.parity.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.dropwizard.logging.common.LoggingUtil;

/**
 * Logging of commands before (or without) a server configuration: warnings and errors only, on
 * stderr, so a command's stdout carries nothing but its result. The level is set on the root
 * logger rather than filtered at the appender, so chatty libraries (Parquet and Hadoop at DEBUG,
 * Flyway and the connection pool at INFO) do not even format their messages. The {@code server}
 * command replaces this with its configured logging.
 */
public final class CliLogging {
  private CliLogging() {}

  /** Configures the logging context; the same result however often it is called. */
  public static void configure() {
    LoggingUtil.hijackJDKLogging();
    LoggerContext context = LoggingUtil.getLoggerContext();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.setLevel(Level.WARN);

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("parity: %level %logger{36}: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("cli-stderr");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    root.addAppender(appender);
  }
}
