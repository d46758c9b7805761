package dev.parity.offline;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/offline.md: the training set is standard Parquet that pyarrow reads with the declared types. Runs
 * {@code python3} with pyarrow in a subprocess, so it needs more than a JDK and Maven: tagged
 * {@code python}, it is left out of the README's test command and runs alone with
 * {@code mvn -B -Ppython-interop -pl offline -am test} (after {@code python3 -m pip install pyarrow};
 * .ci/run does both), where it fails rather than skips when either is missing.
 */
@Tag("python")
class PyArrowReadBackTest {
  private static final String INSTALL = "this test needs python3 with pyarrow: install it with "
      + "`python3 -m pip install pyarrow` (.ci/run does)";
  // Prints the table as JSON: Arrow type of each column, and rows with timestamps as integer
  // microseconds and NaN as the string "NaN" (JSON has no NaN).
  private static final String READ = String.join("\n",
      "import json, math, sys",
      "import pyarrow as pa, pyarrow.parquet as pq",
      "t = pq.read_table(sys.argv[1])",
      "cols = []",
      "for f in t.schema:",
      "    c = t.column(f.name)",
      "    if pa.types.is_timestamp(f.type): c = c.cast(pa.int64())",
      "    cols.append(c.to_pylist())",
      "enc = lambda v: 'NaN' if isinstance(v, float) and math.isnan(v) else v",
      "print(json.dumps({'schema': [[f.name, str(f.type)] for f in t.schema],",
      "                  'rows': [[enc(c[i]) for c in cols] for i in range(t.num_rows)]}))");

  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  @Test
  void pyarrowReadsEveryOutputTypeWithItsDeclaredArrowType() throws Exception {
    Tables.parquet(dir.resolve("src/stats.parquet"), List.of(col("id", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("flag", DataType.BOOL), col("n", DataType.INT64), col("score", DataType.FLOAT64),
        col("name", DataType.STRING), col("seen", DataType.TIMESTAMP)), Tables.rows(
            new Object[] {1L, T0, true, 7L, 1.5, "café ☕", T0 - MINUTE},
            new Object[] {2L, T0, false, -3L, Double.NaN, "日本語", null},
            new Object[] {3L, T0, null, null, null, null, T0}), 10);
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP), col("label", DataType.INT64), col("note", DataType.STRING)),
        Tables.rows(
            new Object[] {1L, T0 + 10 * MINUTE, 1L, "a"},
            new Object[] {2L, T0 + 10 * MINUTE, 0L, "ü"},
            new Object[] {3L, T0 + 10 * MINUTE, null, null},
            new Object[] {4L, T0 + 10 * MINUTE, 1L, "no source row"},
            new Object[] {1L, T0 - 10 * MINUTE, 0L, "before its row"}), 10);
    OfflineView view = new OfflineView("stats", List.of(new ColumnSpec("id", DataType.INT64)),
        OfflineSource.parquet(dir.resolve("src").toString(), "ts", Optional.empty()), Duration.ofHours(1),
        List.of(OfflineFeature.column("flag", DataType.BOOL), OfflineFeature.column("n", DataType.INT64),
            OfflineFeature.column("score", DataType.FLOAT64), OfflineFeature.column("name", DataType.STRING),
            OfflineFeature.column("seen", DataType.TIMESTAMP)), List.of());
    Path out = dir.resolve("training.parquet");
    OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp"))).buildTrainingSet(
        new TrainingSetRequest(EntityTable.parquet(dir.resolve("entities.parquet").toString()), List.of(view), out,
            Optional.empty()), Progress.NONE);

    JsonNode table = pyarrow(out);

    Map<String, String> types = new LinkedHashMap<>();
    table.get("schema").forEach(f -> types.put(f.get(0).asText(), f.get(1).asText()));
    String utc = "timestamp[us, tz=UTC]";
    assertThat(types).containsExactly(Map.entry("id", "int64"), Map.entry("event_timestamp", utc),
        Map.entry("label", "int64"), Map.entry("note", "string"), Map.entry("stats__flag", "bool"),
        Map.entry("stats__n", "int64"), Map.entry("stats__score", "double"), Map.entry("stats__name", "string"),
        Map.entry("stats__seen", utc));
    List<List<Object>> rows = new ArrayList<>();
    table.get("rows").forEach(r -> {
      List<Object> row = new ArrayList<>();
      r.forEach(v -> row.add(v.isNull() ? null : v.isBoolean() ? v.asBoolean() : v.isIntegralNumber() ? v.asLong()
          : v.isNumber() ? v.asDouble() : v.asText()));
      rows.add(row);
    });
    long t = T0 + 10 * MINUTE;
    assertThat(rows).containsExactly(
        Arrays.asList(1L, t, 1L, "a", true, 7L, 1.5, "café ☕", T0 - MINUTE),
        Arrays.asList(2L, t, 0L, "ü", false, -3L, "NaN", "日本語", null),
        Arrays.asList(3L, t, null, null, null, null, null, null, T0),
        Arrays.asList(4L, t, 1L, "no source row", null, null, null, null, null),
        Arrays.asList(1L, T0 - 10 * MINUTE, 0L, "before its row", null, null, null, null, null));
  }

  /** The JSON {@link #READ} prints for {@code file}; fails with how to install when python3 or pyarrow is missing. */
  private JsonNode pyarrow(Path file) throws IOException, InterruptedException {
    Path stdout = dir.resolve("pyarrow.out");
    Path stderr = dir.resolve("pyarrow.err");
    Process process;
    try {
      process = new ProcessBuilder("python3", "-c", READ, file.toString())
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("cannot run python3 (" + e.getMessage() + "); " + INSTALL, e);
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("python3 reading " + file + " did not finish in 120 s");
    }
    String errors = Files.readString(stderr, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError((errors.contains("No module named 'pyarrow'") ? INSTALL + "\n" : "")
          + "python3 exited with " + process.exitValue() + ": " + errors);
    }
    return new ObjectMapper().readTree(Files.readString(stdout, StandardCharsets.UTF_8));
  }
}
