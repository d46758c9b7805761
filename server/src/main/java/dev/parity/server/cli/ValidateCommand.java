package dev.parity.server.cli;

import dev.parity.server.core.RepositoryService;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code parity validate}: checks every definition, and Parquet sources' schemas, offline. */
public final class ValidateCommand extends RepositoryCommand {
  private final RepositoryService repositories;

  public ValidateCommand(RepositoryService repositories, PrintStream out, CliErrors errors) {
    super("validate", "Check the feature repository's definitions (against the schemas of its source files); "
        + "prints every error as file:line:column: message", out, errors);
    this.repositories = repositories;
  }

  @Override
  void run(Path repository) {
    out.println(repositories.validate(repository).render());
  }
}
