package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;
import dev.parity.definitions.DefinitionError;
import dev.parity.definitions.DefinitionException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reports a failed command on stderr. Parity's own errors ({@link ParityException}) are the
 * user's to fix: their message, without a stack trace. A definition error lists every
 * {@code file:line:column: message}. Anything else is a bug: one line with an error id, and the
 * stack trace appended under that id to a log file ({@code .parity/logs/cli.log} in the feature
 * repository, or {@code parity-cli.log} in the temporary directory when there is none).
 * Thread-safe.
 */
public final class CliErrors {
  static final String LOG_NAME = "cli.log";
  private final PrintStream err;
  private final Clock clock;

  /**
   * @param err where reasons are printed
   * @param clock time stamps of log entries
   */
  public CliErrors(PrintStream err, Clock clock) {
    this.err = requireNonNull(err, "err is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Prints why {@code command} failed; {@code repository} is where its log goes, if a directory. */
  void report(String command, Path repository, Throwable failure) {
    if (failure instanceof DefinitionException definition) {
      definition.errors().stream().map(DefinitionError::toString).forEach(err::println);
      int count = definition.errors().size();
      err.println("parity " + command + ": " + count + (count == 1 ? " error" : " errors") + " in the feature repository"
          + (command.equals("validate") ? "" : "; nothing was registered"));
    } else if (failure instanceof ParityException parity) {
      err.println("parity " + command + ": " + oneLine(parity.getMessage()));
    } else {
      String id = String.format(Locale.ROOT, "%016x", ThreadLocalRandom.current().nextLong());
      Path log = logFile(repository);
      String where = appendToLog(log, id, command, failure);
      err.println("parity " + command + ": unexpected error " + failure.getClass().getName() + " (error id " + id
          + "); " + where);
    }
    err.flush();
  }

  private String appendToLog(Path log, String id, String command, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    String entry = clock.instant() + " ERROR error id " + id + " in 'parity " + command + "'\n" + trace + "\n";
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return "details in " + log;
    } catch (IOException e) {
      // The trace must not be lost: without a log it goes to stderr after all.
      err.print(entry);
      return "could not write " + log + " (" + e.getMessage() + "), details above";
    }
  }

  static Path logFile(Path repository) {
    if (repository != null && Files.isDirectory(repository)) {
      return repository.toAbsolutePath().normalize().resolve(".parity").resolve("logs").resolve(LOG_NAME);
    }
    return Path.of(System.getProperty("java.io.tmpdir")).resolve("parity-" + LOG_NAME);
  }

  private static String oneLine(String message) {
    return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
