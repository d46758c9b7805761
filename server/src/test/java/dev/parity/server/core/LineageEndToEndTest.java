package dev.parity.server.core;

import static dev.parity.server.core.JobsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.Progress;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.metadata.Lineage;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage from a real run, not from hand-made records: a training set built from the sample
 * repository, a model registered on it, then the definitions change; the model still explains its
 * features with the definitions as they were when it was trained, down to the source files.
 */
class LineageEndToEndTest {
  @TempDir Path temp;

  @Test
  void modelLeadsBackToTheDefinitionsAndSourceFilesItWasTrainedOn() {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers")).apply()) {
      TrainingSetSummary built = new TrainingSetService(fixture.stores()).build(fixture.load(),
          TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"),
              fixture.entityTable(List.of(1001L, 1002L, 1003L), T), temp.resolve("ts.parquet")),
          Progress.NONE);
      MetadataStore metadata = fixture.stores().metadata();
      long model = metadata.registerModel(fixture.project, "ranker", "1", built.id(),
          JsonNodeFactory.instance.objectNode().put("auc", 0.71)).id();

      // The transform changes after training: lineage must still show the one the model saw.
      SampleRepository.edit(fixture.root, "drivers.yaml", "log1p(avg_daily_trips)", "log(avg_daily_trips + 1)");
      fixture.apply();
      Lineage lineage = fixture.stores().metadata().lineage(model).orElseThrow();

      assertThat(lineage.trainingSet().id()).isEqualTo(built.id());
      assertThat(lineage.trainingSet().value().outputPath()).endsWith("ts.parquet");
      assertThat(lineage.service()).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("driver_ranking_v1"));
      DefinitionRecord stats = lineage.views().stream()
          .filter(v -> v.name().equals("driver_hourly_stats")).findFirst().orElseThrow();
      assertThat(stats.canonicalJson()).contains("log1p").doesNotContain("log(");
      assertThat(stats.version()).isNotEqualTo(
          fixture.stores().registry().current(fixture.project).stream()
              .filter(r -> r.kind() == DefinitionKind.FEATURE_VIEW && r.name().equals("driver_hourly_stats"))
              .findFirst().orElseThrow().version());
      assertThat(lineage.dependencies())
          .filteredOn(d -> d.kind() == DefinitionKind.SOURCE && d.name().equals("driver_stats"))
          .singleElement()
          .satisfies(source -> assertThat(source.canonicalJson()).contains("\"path\":\"data/driver_stats\""));
    }
  }
}
