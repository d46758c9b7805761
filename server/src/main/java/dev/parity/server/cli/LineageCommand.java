package dev.parity.server.cli;

import dev.parity.ParityException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.models.LineageJson;
import dev.parity.server.models.ModelsService;
import dev.parity.server.models.ModelsText;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity lineage --model NAME:VERSION [--json]}: a model version's chain down to the data
 * (training set, definitions at the versions used, source files), as {@code GET
 * /models/{name}/versions/{v}/lineage} answers it.
 */
public final class LineageCommand extends StoresCommand {
  public LineageCommand(JobServices services) {
    super("lineage", "Print a model version's lineage: its training set, the feature service and view "
        + "versions it was built from, their sources and the source files", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--model").dest("model").metavar("NAME:VERSION").required(true)
        .help("the model version, e.g. eta:7");
    subparser.addArgument("--json").dest("json").action(Arguments.storeTrue())
        .help("print the JSON the HTTP API answers");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    String model = namespace.getString("model");
    int colon = model.indexOf(':');
    if (colon <= 0 || colon == model.length() - 1) {
      throw new ParityException("--model '" + model + "' is not NAME:VERSION, e.g. --model eta:7");
    }
    LineageJson lineage = new ModelsService(stores.metadata(), () -> repository)
        .lineage(model.substring(0, colon), model.substring(colon + 1));
    out.print(namespace.getBoolean("json") ? ModelsCommand.Json.write(lineage) + "\n" : ModelsText.lineage(lineage));
  }
}
