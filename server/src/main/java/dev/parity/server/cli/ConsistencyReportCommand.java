package dev.parity.server.cli;

import dev.parity.ParityException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.reports.consistency.ConsistencyReport;
import dev.parity.reports.consistency.ConsistencyReportHtml;
import dev.parity.reports.consistency.ConsistencyReportJson;
import dev.parity.reports.consistency.ConsistencyReportText;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.reports.ConsistencyReportService;
import java.nio.file.Path;
import java.time.Instant;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity consistency-report --service NAME (--serving-log --from T --to T | --sample N)
 * [--out report.html] [--json report.json]}: compares served values with the offline values at
 * the same times (the serving log's requests, or a sample of entities looked up online now),
 * prints the table of verdicts and mismatch causes, records the report in the metadata store and
 * writes the HTML page (and the JSON). The
 * exit status is 0 whatever the verdict: a mismatch is a finding, not a failure of the command.
 */
public final class ConsistencyReportCommand extends JobCommand {
  static final String DEFAULT_OUT = "consistency-report.html";

  public ConsistencyReportCommand(JobServices services) {
    super("consistency-report", "Compare the values a feature service served (its serving log, or a sample looked up "
        + "online now) with the offline values at the same times; prints the verdicts and mismatch causes and writes "
        + "an HTML report", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--service").dest("service").metavar("NAME").required(true).help("the feature service");
    MutuallyExclusiveGroup input = subparser.addMutuallyExclusiveGroup("input").required(true);
    input.addArgument("--serving-log").dest("serving_log").action(Arguments.storeTrue())
        .help("compare the requests of the serving log between --from and --to");
    input.addArgument("--sample").dest("sample").metavar("N").type(Integer.class)
        .help("compare N entities drawn from the offline data by a stable hash of their keys, looked up online now");
    subparser.addArgument("--from").dest("from").metavar("TIME")
        .help("with --serving-log: the first request time (inclusive, ISO-8601)");
    subparser.addArgument("--to").dest("to").metavar("TIME")
        .help("with --serving-log: the request time to stop at (exclusive, ISO-8601)");
    subparser.addArgument("--out").dest("out").metavar("FILE").setDefault(DEFAULT_OUT)
        .help("the HTML report to write (default: " + DEFAULT_OUT + ")");
    subparser.addArgument("--json").dest("json").metavar("FILE").help("also write the report as JSON");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    String service = namespace.getString("service");
    ConsistencyReportService reports = new ConsistencyReportService(stores);
    ConsistencyReport report;
    if (namespace.getBoolean("serving_log")) {
      if (namespace.getString("from") == null || namespace.getString("to") == null) {
        throw new ParityException("--serving-log needs --from and --to");
      }
      Instant from = timestamp("--from", namespace.getString("from"));
      Instant to = timestamp("--to", namespace.getString("to"));
      report = reports.servingLog(repository, service, from, to);
    } else {
      if (namespace.getString("from") != null || namespace.getString("to") != null) {
        throw new ParityException("--from and --to go with --serving-log, not --sample");
      }
      report = reports.sample(repository, service, namespace.getInt("sample"));
    }
    Path html = ReportFiles.write(Path.of(namespace.getString("out")), new ConsistencyReportHtml().render(report));
    long id = reports.record(repository, report);
    out.print(ConsistencyReportText.render(report));
    out.println("Recorded as report " + id + " in the metadata store.");
    out.println("HTML report: " + html);
    if (namespace.getString("json") != null) {
      out.println("JSON report: " + ReportFiles.write(Path.of(namespace.getString("json")),
          ConsistencyReportJson.toJson(report)));
    }
  }
}
