package dev.parity.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet written by Parity, read by Apache Spark: a training set built by the packaged {@code
 * parity} jar (every feature type: int64, float64 with nulls, string, bool, timestamps, plus the
 * entity table's own columns) and the sample source files Parity generates. Spark must see the
 * declared types (timestamps as {@code TimestampType}, UTC instants) and exactly the values an
 * independent reader, DuckDB, sees in the same files, row by row.
 */
class SparkReadBackIT {
  private static final long TIMEOUT_SECONDS = 300;
  /** A view with a boolean feature, which the sample repository does not have, and a service using it. */
  private static final String EXTRA_DEFINITIONS = """
      feature_views:
        - name: driver_flags
          entities: [driver]
          source: driver_stats
          ttl: 2d
          features:
            - { name: high_conv, type: bool, expr: "conv_rate > 0.5" }
            - { name: vehicle_upper, type: string, expr: "upper(vehicle_type)" }
      feature_services:
        - name: interop_all_types
          features:
            driver_hourly_stats: "*"
            driver_activity: "*"
            driver_flags: "*"
            driver_adjusted: [conv_plus_val]
      """;

  @TempDir static Path temp;
  private static Path repo;
  private static Path trainingSet;
  private static SparkSession spark;

  @BeforeAll
  static void buildATrainingSetWithTheJar() throws IOException {
    Path jar = Path.of(System.getProperty("parity.jar"));
    assertThat(jar).as("the shaded jar, built by mvn verify before this module").isRegularFile();
    Path examples = Path.of(System.getProperty("parity.examples.dir"));
    repo = Files.createDirectories(temp.resolve("drivers"));
    for (String file : List.of("parity.yaml", "drivers.yaml")) {
      Files.copy(examples.resolve(file), repo.resolve(file));
    }
    Files.writeString(repo.resolve("interop.yaml"), EXTRA_DEFINITIONS);
    trainingSet = temp.resolve("training.parquet");

    run(jar, "-cp", jar.toString(), "dev.parity.offline.sample.SampleDataGenerator", "--out", repo.toString());
    run(jar, "-jar", jar.toString(), "apply", "-r", repo.toString());
    run(jar, "-jar", jar.toString(), "training-set", "-r", repo.toString(), "--service", "interop_all_types",
        "--entities", repo.resolve("data/entities.parquet").toString(), "--out", trainingSet.toString());

    spark = SparkSession.builder()
        .master("local[1]")
        .appName("parity-interop")
        .config("spark.ui.enabled", "false")
        // Loopback only: the machine's other interfaces may not route.
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.shuffle.partitions", "1")
        // One partition per file, so rows come back in file order.
        .config("spark.sql.files.maxPartitionBytes", String.valueOf(1L << 30))
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void sparkReadsTheTrainingSetWithTheDeclaredTypes() {
    Map<String, DataType> types = new LinkedHashMap<>();
    for (StructField field : spark.read().parquet(trainingSet.toString()).schema().fields()) {
      types.put(field.name(), field.dataType());
    }

    assertThat(types).containsEntry("driver_id", DataTypes.LongType)
        .containsEntry("event_timestamp", DataTypes.TimestampType)
        .containsEntry("val_to_add", DataTypes.LongType)
        .containsEntry("driver_hourly_stats__conv_rate", DataTypes.DoubleType)
        .containsEntry("driver_hourly_stats__acc_rate", DataTypes.DoubleType)
        .containsEntry("driver_hourly_stats__avg_daily_trips", DataTypes.LongType)
        .containsEntry("driver_hourly_stats__vehicle_type", DataTypes.StringType)
        .containsEntry("driver_activity__trips_7d", DataTypes.LongType)
        .containsEntry("driver_activity__fare_avg_7d", DataTypes.DoubleType)
        .containsEntry("driver_flags__high_conv", DataTypes.BooleanType)
        .containsEntry("driver_flags__vehicle_upper", DataTypes.StringType)
        .containsEntry("driver_adjusted__conv_plus_val", DataTypes.DoubleType);
  }

  @Test
  void sparkSeesTheSameTrainingSetValuesAsDuckDb() throws SQLException {
    List<List<Object>> bySpark = sparkRows(trainingSet.toString());
    List<List<Object>> byDuckDb = duckDbRows("read_parquet('" + trainingSet + "')");

    assertThat(bySpark).hasSize(duckDbCount("read_parquet('" + repo.resolve("data/entities.parquet") + "')"));
    assertThat(bySpark).isEqualTo(byDuckDb);
    // The comparison means something only if the file has values of every kind, nulls included.
    assertThat(bySpark).anySatisfy(row -> assertThat(row).contains(true));
    assertThat(bySpark).anySatisfy(row -> assertThat(row).contains(false));
    assertThat(bySpark).anySatisfy(row -> assertThat(row).containsNull());
    assertThat(bySpark).anySatisfy(row -> assertThat(row).contains("SEDAN"));
  }

  @Test
  void sparkReadsTheSourceFilesParityGenerates() throws SQLException {
    String stats = repo.resolve("data/driver_stats").toString();
    List<List<Object>> bySpark = sparkRows(stats);
    List<List<Object>> byDuckDb = duckDbRows("read_parquet('" + stats + "/**/*.parquet')");

    assertThat(bySpark).isNotEmpty().containsExactlyInAnyOrderElementsOf(byDuckDb);
  }

  /** Rows as Spark reads them, timestamps as epoch microseconds, in file order. */
  private static List<List<Object>> sparkRows(String path) {
    Dataset<Row> frame = spark.read().parquet(path);
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : frame.collectAsList()) {
      List<Object> values = new ArrayList<>(row.length());
      for (int i = 0; i < row.length(); i++) {
        Object value = row.isNullAt(i) ? null : row.get(i);
        values.add(value instanceof Instant instant ? micros(instant) : value);
      }
      rows.add(values);
    }
    return rows;
  }

  /** Rows as DuckDB reads them, in the same shape: timestamps as epoch microseconds. */
  private static List<List<Object>> duckDbRows(String table) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      List<String> columns = new ArrayList<>();
      try (ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + table)) {
        while (described.next()) {
          String name = '"' + described.getString("column_name") + '"';
          columns.add(described.getString("column_type").startsWith("TIMESTAMP") ? "epoch_us(" + name + ")" : name);
        }
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table)) {
        while (result.next()) {
          List<Object> values = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) {
            values.add(result.getObject(i));
          }
          rows.add(values);
        }
      }
      return rows;
    }
  }

  private static int duckDbCount(String table) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
      result.next();
      return result.getInt(1);
    }
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** Runs the jar's java with {@code args}; fails the test with both streams when it fails. */
  private static void run(Path jar, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Duser.timezone=UTC"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(temp, "out", ".txt");
      Path err = Files.createTempFile(temp, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      // The repository's own parity.yaml decides where its registry is.
      builder.environment().keySet().removeIf(name -> name.startsWith("PARITY_"));
      Process process = builder.start();
      boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        process.destroyForcibly();
      }
      assertThat(done).as("%s finished within %d s", command, TIMEOUT_SECONDS).isTrue();
      assertThat(process.exitValue())
          .as("%s exit code; stdout: %s; stderr: %s", command, Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8))
          .isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
