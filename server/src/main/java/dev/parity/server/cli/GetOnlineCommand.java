package dev.parity.server.cli;

import dev.parity.ParityException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.server.api.OnlineFeaturesJson;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.lookup.LookupService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity get-online --service NAME | --features v:f,... --entity k=v[,k2=v2] [--entity ...]
 * [--request k=v[,...]]}: prints the JSON of {@code POST /get-online-features}. Each {@code
 * --entity} is one entity row; each {@code --request} gives request data for the row of the same
 * position (one {@code --request} applies to every row). Values that look like integers, decimals
 * or booleans are sent as such, anything else as a string. The lookup is the server's ({@link
 * LookupService}): a service or view not applied to the registry is refused, and the values are
 * those {@code POST /get-online-features} answers. A lookup is not a job: no progress line.
 */
public final class GetOnlineCommand extends StoresCommand {
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");

  public GetOnlineCommand(JobServices services) {
    super("get-online", "Look up online features for entity rows and print the JSON of POST /get-online-features",
        services);
  }

  @Override
  void addArguments(Subparser subparser) {
    MutuallyExclusiveGroup selection = subparser.addMutuallyExclusiveGroup("features").required(true);
    selection.addArgument("--service").dest("service").metavar("NAME").help("a feature service");
    selection.addArgument("--features").dest("features").metavar("V:F,...").help("view:feature references");
    subparser.addArgument("--entity").dest("entity").metavar("KEY=VALUE[,KEY=VALUE]").action(Arguments.append())
        .required(true).help("one entity row's join keys, e.g. driver_id=1001; repeat for more rows");
    subparser.addArgument("--request").dest("request").metavar("KEY=VALUE[,KEY=VALUE]").action(Arguments.append())
        .help("request data of on-demand features, e.g. val_to_add=2; one per entity row, or one for all");
    subparser.addArgument("--full-names").dest("fullNames").action(Arguments.storeTrue())
        .help("name result columns view__feature");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    List<String> entityRows = namespace.getList("entity");
    List<String> requestRows = Optional.ofNullable(namespace.<String>getList("request")).orElse(List.of());
    if (requestRows.size() > 1 && requestRows.size() != entityRows.size()) {
      throw new ParityException("got " + requestRows.size() + " --request for " + entityRows.size()
          + " --entity rows; give one per entity row, or one for all");
    }
    Map<String, List<Object>> entities = columns("--entity", entityRows, entityRows.size());
    Map<String, List<Object>> request = columns("--request", requestRows, entityRows.size());
    OnlineFeaturesRequest lookup = new OnlineFeaturesRequest(Optional.ofNullable(namespace.getString("service")),
        Optional.ofNullable(namespace.getString("features")).map(StoresCommand::commaList).orElse(List.of()),
        entities, request, namespace.getBoolean("fullNames"));
    OnlineFeaturesResponse response = LookupService.open(stores).get(lookup);
    out.println(OnlineFeaturesJson.toString(response, true));
  }

  /** Columns from {@code k=v,...} rows; a single row is repeated {@code rows} times. */
  static Map<String, List<Object>> columns(String flag, List<String> args, int rows) {
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    for (int row = 0; row < args.size(); row++) {
      for (String pair : commaList(args.get(row))) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new ParityException(flag + " '" + args.get(row) + "': expected KEY=VALUE, got '" + pair + "'");
        }
        String key = pair.substring(0, eq).strip();
        List<Object> column = columns.computeIfAbsent(key, k -> new ArrayList<>());
        if (column.size() != row) {
          throw new ParityException(flag + " rows must name the same keys: '" + key + "' is missing from or repeated in "
              + "row " + (row + 1));
        }
        column.add(value(pair.substring(eq + 1).strip()));
      }
    }
    for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
      if (column.getValue().size() != args.size()) {
        throw new ParityException(flag + " rows must name the same keys: '" + column.getKey() + "' is not in every row");
      }
      if (args.size() == 1 && rows > 1) {
        column.setValue(new ArrayList<>(java.util.Collections.nCopies(rows, column.getValue().get(0))));
      }
    }
    return columns;
  }

  static Object value(String text) {
    if (INTEGER.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // Beyond int64: sent as text, so the lookup names the column instead of using a rounded number.
        return text;
      }
    }
    if (DECIMAL.matcher(text).matches()) {
      return Double.parseDouble(text);
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    return text;
  }
}
