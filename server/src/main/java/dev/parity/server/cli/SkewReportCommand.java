package dev.parity.server.cli;

import dev.parity.ParityException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.reports.skew.SkewReport;
import dev.parity.reports.skew.SkewReportHtml;
import dev.parity.reports.skew.SkewReportJson;
import dev.parity.reports.skew.SkewReportText;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.reports.ReportGauges;
import dev.parity.server.reports.SkewReportService;
import dev.parity.server.reports.SkewSide;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity skew-report --service NAME --reference SIDE --current SIDE [--out report.html]
 * [--json report.json]}: compares the distributions of a service's features between two data sets,
 * each a training set ({@code training-set:ID}), a range of the service's serving log ({@code
 * log:FROM..TO}) or Parquet files (a path; see {@link SkewSide}), prints the verdict table, records
 * the report in the metadata store (printing its id) and writes the HTML page (and the JSON). The exit status is 0 whatever the verdict: skew is a
 * finding, not a failure of the command.
 */
public final class SkewReportCommand extends JobCommand {
  static final String DEFAULT_OUT = "skew-report.html";

  public SkewReportCommand(JobServices services) {
    super("skew-report", "Compare the distributions of a feature service's features between a reference and a "
        + "current data set (a training set, a range of the serving log or Parquet files); prints the verdicts and writes an HTML report", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--service").dest("service").metavar("NAME").required(true).help("the feature service");
    subparser.addArgument("--reference").dest("reference").metavar("SIDE").required(true)
        .help("the data set the bins come from: " + SkewSide.FORMS);
    subparser.addArgument("--current").dest("current").metavar("SIDE").required(true)
        .help("the data set compared with it, in the same forms");
    subparser.addArgument("--out").dest("out").metavar("FILE").setDefault(DEFAULT_OUT)
        .help("the HTML report to write (default: " + DEFAULT_OUT + ")");
    subparser.addArgument("--json").dest("json").metavar("FILE").help("also write the report as JSON");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    SkewReportService reports = new SkewReportService(stores, ReportGauges.unread());
    String service = namespace.getString("service");
    SkewReportService.Inputs inputs = reports.resolve(repository, service, side(namespace, "reference"),
        side(namespace, "current"), SkewReportService.Caller.CLI);
    SkewReport report = reports.compare(repository, service, inputs);
    Path html = ReportFiles.write(Path.of(namespace.getString("out")), new SkewReportHtml().render(report));
    long id = reports.record(repository, report, inputs);
    out.print(SkewReportText.render(report));
    out.println("Recorded as report " + id + " in the metadata store.");
    out.println("HTML report: " + html);
    if (namespace.getString("json") != null) {
      out.println("JSON report: " + ReportFiles.write(Path.of(namespace.getString("json")), SkewReportJson.toJson(report)));
    }
  }

  private static SkewSide side(Namespace namespace, String option) {
    try {
      return SkewSide.parse(namespace.getString(option));
    } catch (IllegalArgumentException e) {
      throw new ParityException("--" + option + " " + e.getMessage());
    }
  }
}
