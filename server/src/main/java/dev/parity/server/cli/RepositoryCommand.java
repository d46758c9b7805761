package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A command working on a feature repository: {@code -r/--repo DIR}, the current directory by
 * default. Output goes to the given stream; failures are reported by {@link CliErrors}, and the
 * application then exits with status 1.
 */
abstract class RepositoryCommand extends Command {
  private static final String REPO = "repo";
  protected final PrintStream out;
  private final CliErrors errors;

  RepositoryCommand(String name, String description, PrintStream out, CliErrors errors) {
    super(name, description);
    this.out = requireNonNull(out, "out is null");
    this.errors = requireNonNull(errors, "errors is null");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("-r", "--repo")
        .dest(REPO)
        .metavar("DIR")
        .setDefault(".")
        .help("the feature repository directory");
  }

  @Override
  public final void run(Bootstrap<?> bootstrap, Namespace namespace) {
    run(repository(namespace));
    out.flush();
  }

  /** Runs the command on the repository directory; throws to fail. */
  abstract void run(Path repository);

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    out.flush();
    errors.report(getName(), repository(namespace), failure);
  }

  private static Path repository(Namespace namespace) {
    return Path.of(namespace.getString(REPO));
  }
}
