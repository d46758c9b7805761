package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.SourceSchemaResolver;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity quickstart [-r DIR] [--keep-server]}: the whole story on sample data (see {@link
 * Quickstart}), in {@code ./parity-quickstart} by default. Exit status 1 with a one-line reason
 * when a step fails. With {@code --keep-server} the HTTP server (and a Redis started for it) keeps
 * serving after the last step, until the process is stopped.
 */
public final class QuickstartCommand extends Command {
  private static final String REPO = "repo";
  private static final String KEEP_SERVER = "keep_server";
  private final SourceSchemaResolver schemas;
  private final Map<String, String> environment;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;
  private final CliErrors errors;
  private final ServerLauncher launcher;

  /** @param launcher runs {@code parity server} in this process, for the quickstart's HTTP steps */
  public QuickstartCommand(SourceSchemaResolver schemas, Map<String, String> environment, Clock clock,
      PrintStream out, PrintStream err, CliErrors errors, ServerLauncher launcher) {
    super("quickstart", "Run the whole story on sample data: definitions, data, training set, materialization, "
        + "lookups over HTTP and the Java client, consistency and skew reports, a trigger, a model promoted, its lineage");
    this.schemas = requireNonNull(schemas, "schemas is null");
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    this.clock = requireNonNull(clock, "clock is null");
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.errors = requireNonNull(errors, "errors is null");
    this.launcher = requireNonNull(launcher, "launcher is null");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("-r", "--repo").dest(REPO).metavar("DIR").setDefault("parity-quickstart")
        .help("where to write the sample feature repository (created if missing; an earlier quickstart's is "
            + "started over)");
    subparser.addArgument("--keep-server").dest(KEEP_SERVER).action(Arguments.storeTrue())
        .help("keep the HTTP server (and a Redis started for it) running after the last step, until stopped");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) {
    new Quickstart(schemas, environment, clock, out, err, System.console() != null, launcher).run(repository(namespace),
        namespace.getBoolean(KEEP_SERVER));
    out.flush();
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    out.flush();
    errors.report(getName(), repository(namespace), failure);
  }

  private static Path repository(Namespace namespace) {
    return Path.of(namespace.getString(REPO));
  }
}
