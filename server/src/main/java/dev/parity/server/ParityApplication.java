package dev.parity.server;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.schema.ParquetSchemaResolver;
import dev.parity.server.cli.ApplyCommand;
import dev.parity.server.cli.CliErrors;
import dev.parity.server.cli.PlanCommand;
import dev.parity.server.cli.ValidateCommand;
import dev.parity.server.core.RepositoryService;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * The one Parity executable: the HTTP server and every CLI command of SPEC §7 are Dropwizard
 * commands of this application, sharing the services built here.
 */
public final class ParityApplication extends Application<ParityConfiguration> {
  private final Map<String, String> environment;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  /** The application as the launcher runs it: process environment, system clock, stdout/stderr. */
  public ParityApplication() {
    this(System.getenv(), Clock.systemUTC(), System.out, System.err);
  }

  /**
   * An application with its environment ({@code PARITY_REGISTRY_URL}...), clock and output
   * streams given, for embedding and tests.
   */
  public ParityApplication(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    this.clock = requireNonNull(clock, "clock is null");
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
  }

  public static void main(String[] args) throws Exception {
    new ParityApplication().run(args);
  }

  @Override
  public String getName() {
    return "parity";
  }

  @Override
  public void initialize(Bootstrap<ParityConfiguration> bootstrap) {
    RepositoryService repositories = new RepositoryService(new ParquetSchemaResolver(), environment, clock);
    CliErrors errors = new CliErrors(err, clock);
    bootstrap.addCommand(new ValidateCommand(repositories, out, errors));
    bootstrap.addCommand(new PlanCommand(repositories, out, errors));
    bootstrap.addCommand(new ApplyCommand(repositories, out, errors));
  }

  @Override
  public void run(ParityConfiguration configuration, Environment environment) {
    // Resources and health checks are wired here by the server issue.
  }
}
