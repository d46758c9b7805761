package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.ParityException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.registry.metadata.FiringOutcome;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRunDetail;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.triggers.TriggerService;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity trigger fire NAME [--reason TEXT]}: fires a trigger by hand in this process and runs
 * it to its end (validation, training set, hook), printing each step; exits 1 if the run failed or
 * the trigger refused the firing (a run of it in progress elsewhere). The firing is recorded in the
 * registry as a server's is.
 */
public final class TriggerCommand extends JobCommand {
  private final Map<String, String> environment;

  public TriggerCommand(JobServices services, Map<String, String> environment) {
    super("trigger", "Fire a trigger of the repository by hand: validate, build the training set, call the hook",
        services);
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("action").choices("fire").help("what to do: fire");
    subparser.addArgument("name").metavar("NAME").help("the trigger");
    subparser.addArgument("--reason").dest("reason").metavar("TEXT").help("why it fires (recorded with the run)");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    TriggerService triggers = new TriggerService(() -> repository, stores.registry(), stores.metadata(), new TrainingSetService(stores),
        environment, clock(), Runnable::run);
    TriggerFiring firing = triggers.fire(namespace.getString("name"), Optional.ofNullable(namespace.getString("reason")));
    if (firing.outcome() != FiringOutcome.STARTED) {
      String what = firing.outcome().name().toLowerCase(Locale.ROOT);
      if (firing.outcome() == FiringOutcome.QUEUED) {
        out.println("trigger " + firing.triggerName() + ": firing " + what + " (" + firing.note().orElse("") + ")");
        return;
      }
      throw new ParityException("trigger " + firing.triggerName() + ": " + firing.note().orElse(what));
    }
    TriggerRunDetail run = stores.metadata().triggerRunDetail(firing.runId().orElseThrow()).orElseThrow();
    print(out, run);
    if (run.run().status() != RunStatus.SUCCEEDED) {
      throw new ParityException("trigger run " + run.run().id() + " failed: " + run.run().error().orElse("unknown"));
    }
  }

  /** A run as the CLI prints it: status, reason, one line per step, training set and hook. */
  static void print(PrintStream out, TriggerRunDetail detail) {
    var run = detail.run();
    out.println("run " + run.id() + " of trigger " + run.triggerName() + " (" + run.triggerKind() + "): "
        + run.status().name().toLowerCase(Locale.ROOT) + " - " + run.reason());
    for (JsonNode step : detail.steps()) {
      out.println("  " + step.path("name").asText() + ": " + step.path("status").asText()
          + (step.has("duration_ms") ? " in " + step.path("duration_ms").asLong() + " ms" : "")
          + (step.hasNonNull("detail") ? " - " + step.path("detail").asText().lines().findFirst().orElse("") : ""));
    }
    run.trainingSetId().ifPresent(id -> out.println("  training set: " + id));
    detail.models().forEach(model -> out.println("  model: " + model.name() + ":" + model.version()
        + ", registered " + model.registeredAt()));
    run.hookResult().ifPresent(hook -> out.println("  hook: " + hook.path("kind").asText()
        + (hook.has("exit_code") ? ", exit code " + hook.path("exit_code").asInt() : "")
        + (hook.has("attempts") ? ", " + hook.path("attempts").size() + " attempt(s)" : "")));
    run.error().ifPresent(error -> out.println("  error: " + error));
  }
}
