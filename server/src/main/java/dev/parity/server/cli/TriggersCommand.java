package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.server.core.RepositoryStores;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code parity triggers}: the repository's triggers, one line each, with their last firing. */
public final class TriggersCommand extends StoresCommand {
  public TriggersCommand(JobServices services) {
    super("triggers", "List the repository's triggers and their last firing", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    // -r only.
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    if (repository.triggers().isEmpty()) {
      out.println("no triggers declared");
      return;
    }
    for (Trigger trigger : repository.triggers()) {
      String last = stores.metadata().triggerFirings(repository.config().project(), trigger.name(), 1).stream()
          .findFirst().map(f -> "last fired " + f.firedAt() + " (" + f.outcome().name().toLowerCase(java.util.Locale.ROOT)
              + f.runId().map(id -> ", run " + id).orElse("") + ")").orElse("never fired");
      out.println(trigger.name() + "  " + trigger.kind() + "  service " + trigger.service() + "  hook "
          + trigger.hook().kind() + "  " + last);
    }
  }
}
