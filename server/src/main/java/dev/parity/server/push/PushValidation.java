package dev.parity.server.push;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Source;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.ValidationRules;
import dev.parity.offline.Progress;
import dev.parity.offline.validation.EventInterval;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.server.core.ValidationFailedException;
import dev.parity.server.core.ValidationGate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Validates pushed rows with the rules the source's feature views declare, by the code that
 * validates source data before materialization ({@link ValidationGate}, which records each
 * report): the validator reads a source's files, so it is run on a copy of the repository in
 * which the pushed source is the directory holding the pushed rows as Parquet. {@code row_count}
 * and {@code freshness} are left out: they are about a source's data over a run's interval, not
 * about one batch. Thread-safe.
 */
final class PushValidation {
  private final ValidationGate gate;

  PushValidation(Clock clock) {
    this.gate = new ValidationGate(clock);
  }

  /**
   * Validates the rows in {@code directory} for every view of {@code schema}'s source that has a
   * {@code validation:} block.
   *
   * @throws ValidationFailedException if a view's rules fail; every report is recorded first
   */
  void check(FeatureRepository repository, PushSchema schema, Path directory, MetadataStore metadata) {
    List<FeatureView> validated = schema.views().stream().filter(v -> v.validation().isPresent()).toList();
    if (validated.isEmpty()) {
      return;
    }
    Source source = schema.source();
    // Relative to the root, as source paths are; ".." segments reach a directory outside it.
    String path = repository.root().relativize(directory.toAbsolutePath().normalize()).toString();
    Source pushed = new Source(source.name(), SourceFormat.PARQUET, path, source.timestampColumn(),
        source.createdTimestampColumn(), source.schema());
    FeatureRepository.Builder copy = FeatureRepository.builder(repository.root()).config(repository.config())
        .schemaResolver((s, root) -> repository.sourceSchema(s.name()))
        .source(pushed);
    repository.entities().forEach(copy::entity);
    validated.forEach(view -> copy.featureView(forBatch(view)));
    gate.check(copy.build(), metadata, validated.stream().map(FeatureView::name).toList(), view -> EventInterval.all(),
        Progress.NONE);
  }

  private static FeatureView forBatch(FeatureView view) {
    ValidationRules rules = view.validation().orElseThrow();
    return new FeatureView(view.name(), view.entities(), view.source(), view.ttl(), view.online(), view.features(),
        view.aggregations(), Optional.of(new ValidationRules(Optional.empty(), Optional.empty(), rules.columns(),
            rules.baseline())));
  }
}
