package dev.parity.server.reports;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.metadata.MaterializationRun;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.reports.consistency.MaterializationHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The successful materialization runs of a project, read from the metadata store once (a report
 * asks about every mismatch) and answered from memory. Immutable, so thread-safe.
 */
final class MetadataMaterializationHistory implements MaterializationHistory {
  /** What a run tells the report: its views, interval end and finish time. */
  private record Run(List<String> views, Instant end, Instant finishedAt) {}

  private final List<Run> runs;

  private MetadataMaterializationHistory(List<Run> runs) {
    this.runs = List.copyOf(runs);
  }

  /** Reads every successful materialization run of {@code project}. */
  static MetadataMaterializationHistory read(MetadataStore metadata, String project) {
    requireNonNull(metadata, "metadata store is null");
    List<Run> runs = new ArrayList<>();
    RunQuery query = RunQuery.of(project).withKind(RunKind.MATERIALIZATION).withStatus(RunStatus.SUCCEEDED);
    for (int offset = 0; ; offset += RunQuery.MAX_LIMIT) {
      List<RunSummary> page = metadata.runs(query.withPage(RunQuery.MAX_LIMIT, offset));
      for (RunSummary summary : page) {
        Optional<MaterializationRun> run = metadata.materialization(summary.id());
        run.filter(r -> r.finishedAt().isPresent()).ifPresent(r -> runs.add(new Run(List.copyOf(r.viewVersions().keySet()),
            r.intervalEnd(), r.finishedAt().orElseThrow())));
      }
      if (page.size() < RunQuery.MAX_LIMIT) {
        return new MetadataMaterializationHistory(runs);
      }
    }
  }

  @Override
  public Optional<Instant> lastEnd(String view, Instant asOf) {
    Instant last = null;
    for (Run run : runs) {
      if (run.views().contains(view) && !run.finishedAt().isAfter(asOf) && (last == null || run.end().isAfter(last))) {
        last = run.end();
      }
    }
    return Optional.ofNullable(last);
  }
}
