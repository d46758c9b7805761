package dev.parity.server.cli;

import dev.parity.ParityException;
import dev.parity.server.core.ValidationFailedException;
import io.dropwizard.core.cli.Cli;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * A command that runs a job on a feature repository's stores ({@code materialize}, {@code
 * training-set}, {@code push}...): a {@link StoresCommand} with a progress line, whose data
 * validation failure prints the failed reports on stderr before the one-line reason.
 */
abstract class JobCommand extends StoresCommand {
  JobCommand(String name, String description, JobServices services) {
    super(name, description, services);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    out.flush();
    if (failure instanceof ValidationFailedException validation) {
      err.print(validation.renderReports());
    }
    super.onError(cli, namespace, failure);
  }

  /** A progress listener printing on stderr, a single updating line on a terminal. */
  ProgressLine progress(String what) {
    return new ProgressLine(err, what, System.console() != null, clock());
  }

  /** {@code 2026-01-31T00:00:00Z} or with an offset ({@code +02:00}). */
  static Instant timestamp(String flag, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new ParityException(flag + " '" + value + "' is not an ISO-8601 timestamp such as 2026-01-31T00:00:00Z");
    }
  }

  static Optional<Instant> optionalTimestamp(Namespace namespace, String dest, String flag) {
    return Optional.ofNullable(namespace.getString(dest)).map(v -> timestamp(flag, v));
  }
}
