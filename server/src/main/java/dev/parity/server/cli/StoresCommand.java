package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A command on a feature repository's stores: {@code -r/--repo DIR} (the current directory by
 * default) plus its own flags. The repository is loaded, its stores opened for the command and
 * closed after it. Failures are reported by {@link CliErrors}; the application then exits with
 * status 1. Jobs ({@link JobCommand}) and lookups ({@link GetOnlineCommand}) are such commands.
 */
abstract class StoresCommand extends Command {
  private static final String REPO = "repo";
  protected final PrintStream out;
  protected final PrintStream err;
  private final RepositoryService repositories;
  private final StoreFactory stores;
  private final CliErrors errors;

  StoresCommand(String name, String description, JobServices services) {
    super(name, description);
    this.repositories = services.repositories();
    this.stores = services.stores();
    this.out = services.out();
    this.err = services.err();
    this.errors = services.errors();
  }

  @Override
  public final void configure(Subparser subparser) {
    subparser.addArgument("-r", "--repo").dest(REPO).metavar("DIR").setDefault(".")
        .help("the feature repository directory");
    addArguments(subparser);
  }

  /** Adds the command's own flags. */
  abstract void addArguments(Subparser subparser);

  /** Runs the command; throws to fail. */
  abstract void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace);

  @Override
  public final void run(Bootstrap<?> bootstrap, Namespace namespace) {
    FeatureRepository repository = repositories.load(repository(namespace));
    try (RepositoryStores opened = stores.open(repository)) {
      run(repository, opened, namespace);
    }
    out.flush();
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    out.flush();
    errors.report(getName(), repository(namespace), failure);
  }

  /** The clock the stores are opened with. */
  Clock clock() {
    return stores.clock();
  }

  /** {@code a,b, c} as a list; blank entries dropped. */
  static List<String> commaList(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Path repository(Namespace namespace) {
    return Path.of(namespace.getString(REPO));
  }
}
