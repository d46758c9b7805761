package dev.parity.server.cli;

import dev.parity.server.core.RepositoryService;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code parity plan}: what {@code apply} would change in the registry. */
public final class PlanCommand extends RepositoryCommand {
  private final RepositoryService repositories;

  public PlanCommand(RepositoryService repositories, PrintStream out, CliErrors errors) {
    super("plan", "Show what apply would add, change and remove in the registry", out, errors);
    this.repositories = repositories;
  }

  @Override
  void run(Path repository) {
    out.print(repositories.plan(repository).render());
  }
}
