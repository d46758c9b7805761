package dev.parity.definitions.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.Fixtures;
import dev.parity.definitions.OfflineEngineConfig;
import dev.parity.definitions.OfflineEngineConfig.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline: {engine, spark: {master, conf}}} in parity.yaml. */
class OfflineEngineConfigTest {
  @TempDir Path dir;

  private OfflineEngineConfig load(String yaml) throws Exception {
    Files.writeString(dir.resolve("parity.yaml"), yaml);
    Files.writeString(dir.resolve("defs.yaml"), "entities:\n  - name: driver\n    join_keys: [driver_id]\n");
    return Fixtures.load(dir).config().offlineEngine();
  }

  @Test
  void theEmbeddedEngineIsTheDefault() throws Exception {
    assertThat(load("project: p\n")).isEqualTo(OfflineEngineConfig.embedded());
    assertThat(load("offline: { path: out }\n").engine()).isEqualTo(Engine.EMBEDDED);
  }

  @Test
  void readsTheSparkEngineWithItsMasterAndConfInOrder() throws Exception {
    OfflineEngineConfig config = load("""
        offline:
          path: out
          engine: spark
          spark:
            master: spark://10.0.0.5:7077
            conf: { spark.executor.memory: 4g, spark.sql.shuffle.partitions: 64 }
        """);
    assertThat(config.engine()).isEqualTo(Engine.SPARK);
    assertThat(config.sparkMaster()).contains("spark://10.0.0.5:7077");
    assertThat(config.sparkConf()).containsExactly(Map.entry("spark.executor.memory", "4g"),
        Map.entry("spark.sql.shuffle.partitions", "64"));
  }

  @Test
  void sparkWithoutAMasterLeavesItToSparkSubmit() throws Exception {
    assertThat(load("offline: { engine: spark }\n").sparkMaster()).isEqualTo(Optional.empty());
  }

  @Test
  void rejectsAnUnknownEngineNamingFileLineAndField() {
    assertThatThrownBy(() -> load("project: p\noffline:\n  engine: sprak\n"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("parity.yaml:3:11: offline engine 'sprak' is unknown; use one of embedded, spark");
  }

  @Test
  void rejectsABadMasterUrlWithItsPosition() {
    assertThatThrownBy(() -> load("offline:\n  engine: spark\n  spark: { master: 'spark:/host' }\n"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("parity.yaml:3:20: offline spark master: 'spark:/host' is not a Spark master URL");
  }

  @Test
  void rejectsConfKeysThatAreNotSparkPropertiesAndUnknownKeys() {
    assertThatThrownBy(() -> load("offline:\n  spark: { conf: { executor.memory: 4g } }\n"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("parity.yaml:2:20: offline spark conf key 'executor.memory' must start with 'spark.'");
    assertThatThrownBy(() -> load("offline:\n  spark: { masters: local }\n"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("unknown key 'masters' in offline spark");
  }

  @Test
  void acceptsTheMasterUrlsSparkDocuments() {
    for (String master : new String[] {"local", "local[2]", "local[*]", "local[4,3]", "spark://h:7077",
        "spark://a:7077,b:7077", "yarn", "k8s://https://k:6443"}) {
      assertThat(OfflineEngineConfig.masterProblem(master)).as(master).isEmpty();
    }
    for (String master : new String[] {"spark://h", "local[x]", "http://h:7077", ""}) {
      assertThat(OfflineEngineConfig.masterProblem(master)).as(master).isPresent();
    }
  }
}
