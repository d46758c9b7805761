package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.server.core.RepositoryStores;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity runs [--kind trigger|materialization|job] [--limit N]}: the project's runs, newest
 * first; a trigger run with its reason, steps, training set and hook.
 */
public final class RunsCommand extends StoresCommand {
  public RunsCommand(JobServices services) {
    super("runs", "List the project's runs (trigger runs with their steps), newest first", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--kind").dest("kind").choices("trigger", "materialization", "job")
        .help("only runs of this kind");
    subparser.addArgument("--limit").dest("limit").type(Integer.class).setDefault(20).help("at most this many (default 20)");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    int limit = namespace.getInt("limit");
    if (limit < 1 || limit > RunQuery.MAX_LIMIT) {
      throw new dev.parity.ParityException("--limit must be between 1 and " + RunQuery.MAX_LIMIT);
    }
    RunQuery query = RunQuery.of(repository.config().project()).withPage(limit, 0);
    if (namespace.getString("kind") != null) {
      query = query.withKind(RunKind.valueOf(namespace.getString("kind").toUpperCase(Locale.ROOT)));
    }
    for (RunSummary run : stores.metadata().runs(query)) {
      if (run.kind() == RunKind.TRIGGER) {
        stores.metadata().triggerRunDetail(run.id()).ifPresent(detail -> TriggerCommand.print(out, detail));
        continue;
      }
      out.println(run.kind().name().toLowerCase(Locale.ROOT) + " run " + run.id() + " (" + run.subject() + "): "
          + run.status().name().toLowerCase(Locale.ROOT) + ", started " + run.startedAt()
          + run.error().map(e -> " - " + e).orElse(""));
    }
  }
}
