package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.server.push.PushFiles;
import dev.parity.server.push.PushResult;
import dev.parity.server.push.PushService;
import dev.parity.server.push.PushTarget;
import dev.parity.server.core.RepositoryStores;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity push --source NAME --file rows.parquet|rows.csv [--to online|offline|online_and_offline]}:
 * pushes the file's rows to a source as {@code POST /push/{source}} does, printing a one-line
 * summary.
 */
public final class PushCommand extends JobCommand {
  public PushCommand(JobServices services) {
    super("push", "Push fresh rows of a source (a Parquet or CSV file) online, offline or both", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--source").dest("source").metavar("NAME").required(true)
        .help("the source the rows belong to");
    subparser.addArgument("--file").dest("file").metavar("FILE").required(true)
        .help("the rows: a .parquet file, or a .csv file with a header line (timestamps ISO-8601 with offset)");
    subparser.addArgument("--to").dest("to").metavar("TARGET").setDefault(PushTarget.ONLINE.id())
        .help("online (default), offline (append to the source's directory) or online_and_offline");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    PushTarget to = PushTarget.fromId(namespace.getString("to"));
    String source = namespace.getString("source");
    PushService pushes = new PushService(stores);
    PushResult result = pushes.push(repository, source,
        PushFiles.read(Path.of(namespace.getString("file")), pushes.columns(repository, source)), to);
    out.println(result.render());
  }
}
