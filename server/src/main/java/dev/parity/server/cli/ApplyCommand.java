package dev.parity.server.cli;

import dev.parity.server.core.RepositoryService;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code parity apply}: registers the repository's definitions, a new version for each change. */
public final class ApplyCommand extends RepositoryCommand {
  private final RepositoryService repositories;

  public ApplyCommand(RepositoryService repositories, PrintStream out, CliErrors errors) {
    super("apply", "Register the feature repository's definitions in the registry (a new version for "
        + "every changed object) and print what changed", out, errors);
    this.repositories = repositories;
  }

  @Override
  void run(Path repository) {
    out.print(repositories.apply(repository).render());
  }
}
