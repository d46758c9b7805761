package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.dropwizard.logging.common.LoggingUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CliLoggingTest {

  @Test
  void keepsLibrariesAtWarnAndWritesToStderrOnly() {
    CliLogging.configure();
    CliLogging.configure();

    for (String library : List.of("org.flywaydb.core", "org.apache.parquet.hadoop", "org.apache.hadoop", "com.zaxxer.hikari")) {
      org.slf4j.Logger logger = LoggerFactory.getLogger(library);
      assertThat(logger.isInfoEnabled()).as(library).isFalse();
      assertThat(logger.isWarnEnabled()).as(library).isTrue();
    }
    Logger root = LoggingUtil.getLoggerContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    List<Appender<?>> appenders = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(appenders::add);
    assertThat(appenders).singleElement().isInstanceOfSatisfying(ConsoleAppender.class,
        console -> assertThat(console.getTarget()).isEqualTo("System.err"));
  }
}
