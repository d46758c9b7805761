package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parity.ParityException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.PromotionRefusedException;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.models.DecisionJson;
import dev.parity.server.models.ModelJson;
import dev.parity.server.models.ModelSummaryJson;
import dev.parity.server.models.ModelsService;
import dev.parity.server.models.ModelsText;
import dev.parity.server.models.RefusalJson;
import dev.parity.server.triggers.Hooks;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code parity models register|metrics|promote|rollback|list|show|compare}: the model registry
 * on the repository's registry database directly, through the same {@link ModelsService} as
 * {@code /models}, so both give the same answers; {@code --json} prints what HTTP answers. Whoever
 * can run the CLI on the repository owns its registry file (or holds its database URL), so the CLI
 * acts as an admin: it may move protected aliases. Decisions name the principal {@code cli:USER}.
 * A refused promotion prints the gates and exits with status 1. An accepted promotion or rollback
 * calls the model's {@code on_promote} hooks as the server does (secrets read from this process's
 * environment), and prints and records their deliveries with the decision.
 */
public final class ModelsCommand extends Command {
  private static final String ACTION = "action";
  private static final String REPO = "repo";
  private final JobServices services;
  private final Map<String, String> environment;
  private final PrintStream out;

  /** @param environment where the {@code on_promote} hooks' secrets are read (the process's variables) */
  public ModelsCommand(JobServices services, Map<String, String> environment) {
    super("models", "The model registry: register versions a pipeline trained, add metric observations, "
        + "promote through the gates, roll back, list, show and compare versions");
    this.services = requireNonNull(services, "services is null");
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    this.out = services.out();
  }

  @Override
  public void configure(Subparser subparser) {
    Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("ACTION").help("what to do");
    Subparser register = action(actions, "register", "record a model version trained on a training set");
    modelAndVersion(register);
    register.addArgument("--training-set").dest("trainingSet").metavar("ID").type(Long.class).required(true)
        .help("the training set id the model was trained on (printed by parity training-set)");
    register.addArgument("--artifact").dest("artifact").metavar("URI").help("where the pipeline wrote the model");
    metricArgument(register, false);
    Subparser metrics = action(actions, "metrics", "add metric observations to a version (e.g. production accuracy)");
    modelAndVersion(metrics);
    metricArgument(metrics, true);
    metrics.addArgument("--observed-at").dest("observedAt").metavar("TS")
        .help("when the values were observed (ISO-8601; default: now)");
    Subparser promote = action(actions, "promote", "propose a version for an alias through the model's gates");
    modelAndVersion(promote);
    promote.addArgument("--alias").dest("alias").metavar("ALIAS").required(true).help("e.g. champion, challenger");
    Subparser rollback = action(actions, "rollback", "move an alias back to its previous holder");
    rollback.addArgument("name").metavar("NAME").help("the model");
    rollback.addArgument("--alias").dest("alias").metavar("ALIAS").required(true).help("the alias to move back");
    action(actions, "list", "the project's models with versions and aliases");
    Subparser show = action(actions, "show", "a model's versions, aliases, gates and decisions");
    show.addArgument("name").metavar("NAME").help("the model");
    Subparser compare = action(actions, "compare", "versions side by side (all versions if none is named)");
    compare.addArgument("name").metavar("NAME").help("the model");
    compare.addArgument("versions").metavar("VERSION").nargs("*").help("versions to compare, in this order");
  }

  private static Subparser action(Subparsers actions, String name, String help) {
    Subparser action = actions.addParser(name).help(help).description(help).defaultHelp(true);
    action.addArgument("-r", "--repo").dest(REPO).metavar("DIR").setDefault(".")
        .help("the feature repository directory");
    action.addArgument("--json").dest("json").action(Arguments.storeTrue())
        .help("print the JSON the HTTP API answers");
    return action;
  }

  private static void modelAndVersion(Subparser action) {
    action.addArgument("name").metavar("NAME").help("the model");
    action.addArgument("version").metavar("VERSION").help("the model version");
  }

  private static void metricArgument(Subparser action, boolean required) {
    action.addArgument("--metric").dest("metrics").metavar("NAME=VALUE").action(Arguments.append())
        .required(required).help("a metric value; repeat for several");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) {
    FeatureRepository repository = services.repositories().load(Path.of(namespace.getString(REPO)));
    try (RepositoryStores stores = services.stores().open(repository)) {
      // The hooks' retries wait on the wall clock, as the server's do.
      Hooks hooks = new Hooks(environment, stores.clock(), Hooks::sleep);
      run(new ModelsService(stores.metadata(), () -> repository, Optional.of(hooks)), stores, namespace);
    }
    out.flush();
  }

  private void run(ModelsService models, RepositoryStores stores, Namespace ns) {
    String action = ns.getString(ACTION);
    String name = ns.getString("name");
    boolean json = ns.getBoolean("json");
    switch (action) {
      case "register" -> {
        models.register(name, ns.getString("version"), ns.getLong("trainingSet"),
            Optional.ofNullable(ns.getString("artifact")).filter(a -> !a.isBlank()), metrics(ns));
        ModelJson.Version v = models.compare(name, List.of(ns.getString("version"))).get(0);
        print(json, v, () -> ModelsText.version(name, "Registered", v));
      }
      case "metrics" -> {
        Instant at = Optional.ofNullable(ns.getString("observedAt")).map(t -> JobCommand.timestamp("--observed-at", t))
            .orElseGet(() -> stores.clock().instant());
        List<MetricObservation> observations = new ArrayList<>();
        metrics(ns).forEach((metric, value) -> observations.add(observation(metric, value, at)));
        models.observe(name, ns.getString("version"), observations);
        ModelJson.Version v = models.compare(name, List.of(ns.getString("version"))).get(0);
        print(json, v, () -> ModelsText.version(name, "Observed", v));
      }
      case "promote" -> {
        DecisionJson d = refusalPrinted(json, () -> models.decisionJson(
            models.promote(name, ns.getString("version"), ns.getString("alias"), principal(), true)));
        print(json, d, () -> ModelsText.decision(name, d));
      }
      case "rollback" -> {
        DecisionJson d = refusalPrinted(json, () -> models.decisionJson(
            models.rollback(name, ns.getString("alias"), principal(), true)));
        print(json, d, () -> ModelsText.decision(name, d));
      }
      case "list" -> {
        List<ModelSummaryJson> all = models.list();
        print(json, all, () -> ModelsText.list(all));
      }
      case "show" -> {
        ModelJson m = models.describe(name);
        print(json, m, () -> ModelsText.model(m));
      }
      case "compare" -> {
        List<ModelJson.Version> versions = models.compare(name, ns.getList("versions"));
        print(json, versions, () -> ModelsText.compare(versions));
      }
      default -> throw new IllegalStateException("unknown action " + action);
    }
  }

  /** Runs an alias move; a refusal prints what HTTP's 409 says (the failed gates) before it fails the command. */
  private DecisionJson refusalPrinted(boolean json, java.util.function.Supplier<DecisionJson> move) {
    try {
      return move.get();
    } catch (PromotionRefusedException refused) {
      RefusalJson r = RefusalJson.of(refused);
      print(json, r, () -> ModelsText.refusal(r));
      throw refused;
    }
  }

  /** Who the CLI's decisions name: the operating system user running it. */
  static String principal() {
    return "cli:" + Optional.ofNullable(System.getProperty("user.name")).filter(u -> !u.isBlank()).orElse("unknown");
  }

  private static Map<String, Double> metrics(Namespace ns) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    List<String> given = ns.getList("metrics");
    for (String pair : given == null ? List.<String>of() : given) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ParityException("--metric '" + pair + "' is not NAME=VALUE, e.g. --metric auc=0.83");
      }
      String metric = pair.substring(0, eq).strip();
      try {
        if (metrics.put(metric, Double.valueOf(pair.substring(eq + 1).strip())) != null) {
          throw new ParityException("--metric '" + metric + "' is given twice");
        }
      } catch (NumberFormatException e) {
        throw new ParityException("--metric '" + pair + "': the value is not a number");
      }
    }
    return metrics;
  }

  private static MetricObservation observation(String metric, double value, Instant at) {
    try {
      return new MetricObservation(metric, value, at);
    } catch (IllegalArgumentException e) {
      throw new ParityException("--metric '" + metric + "': " + e.getMessage());
    }
  }

  private void print(boolean json, Object value, java.util.function.Supplier<String> text) {
    if (json) {
      out.println(Json.write(value));
    } else {
      out.print(text.get());
    }
    out.flush();
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    out.flush();
    services.errors().report(getName() + " " + namespace.getString(ACTION), Path.of(namespace.getString(REPO)), failure);
  }

  /** The JSON the HTTP API writes: Dropwizard's object mapper, indented for a person. */
  static final class Json {
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static String write(Object value) {
      try {
        return MAPPER.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
      }
    }
  }
}
