package dev.parity.offline.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.offline.parquet.write.DuckDb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {
  private static final PrintStream DISCARD =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void sameSeedGivesByteIdenticalFiles() throws IOException {
    SampleDataSummary first = generate(SampleDataOptions.small(42), dir.resolve("a"));
    SampleDataSummary second = generate(SampleDataOptions.small(42), dir.resolve("b"));

    Map<String, String> hashes = hashes(dir.resolve("a"));
    assertThat(hashes.keySet())
        .containsExactly(
            "data/customer_profile.csv",
            "data/driver_stats/part-00000.parquet",
            "data/driver_stats/part-00001.parquet",
            "data/driver_stats/part-00002.parquet",
            "data/driver_stats/part-00003.parquet",
            "data/entities.parquet",
            "data/trips/part-00000.parquet",
            "data/trips/part-00001.parquet");
    assertThat(hashes(dir.resolve("b"))).isEqualTo(hashes);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void otherSeedChangesEveryFile() throws IOException {
    generate(SampleDataOptions.small(42), dir.resolve("a"));
    generate(SampleDataOptions.small(43), dir.resolve("b"));

    Map<String, String> a = hashes(dir.resolve("a"));
    Map<String, String> b = hashes(dir.resolve("b"));
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String file : a.keySet()) {
      assertThat(b.get(file)).as(file).isNotEqualTo(a.get(file));
    }
  }

  @Test
  void regeneratingReplacesFilesInPlace() throws IOException {
    generate(SampleDataOptions.small(7), dir);
    Map<String, String> first = hashes(dir);
    generate(SampleDataOptions.small(8), dir);
    generate(SampleDataOptions.small(7), dir);

    assertThat(hashes(dir)).isEqualTo(first);
  }

  @Test
  void anotherDataEndShiftsEveryTimeAndKeepsEveryValue() {
    Instant end = SampleDataOptions.DEFAULT_DATA_END.plus(Duration.ofDays(300).plusHours(5));
    generate(SampleDataOptions.small(42), dir.resolve("a"));
    generate(SampleDataOptions.small(42).withDataEnd(end), dir.resolve("b"));
    long shift = Duration.between(SampleDataOptions.DEFAULT_DATA_END, end).toNanos() / 1_000;

    try (DuckDb duck = DuckDb.open()) {
      for (String table : List.of("driver_stats/*.parquet", "trips/*.parquet", "entities.parquet")) {
        String shifted = "SELECT * REPLACE (epoch_us(event_timestamp) - " + shift + " AS event_timestamp"
            + (table.startsWith("driver_stats") ? ", epoch_us(created) - " + shift + " AS created" : "")
            + ") FROM read_parquet(" + DuckDb.literal(dir.resolve("b/data").resolve(table)) + ") ORDER BY ALL";
        String original = "SELECT * REPLACE (epoch_us(event_timestamp) AS event_timestamp"
            + (table.startsWith("driver_stats") ? ", epoch_us(created) AS created" : "")
            + ") FROM read_parquet(" + DuckDb.literal(dir.resolve("a/data").resolve(table)) + ") ORDER BY ALL";
        List<List<Object>> expected = duck.rows(original);
        assertThat(expected).as(table).isNotEmpty();
        assertThat(duck.rows(shifted)).as(table).isEqualTo(expected);
      }
      assertThat(duck.number("SELECT epoch_us(max(event_timestamp)) FROM read_parquet("
          + DuckDb.literal(dir.resolve("b/data/trips/*.parquet")) + ")"))
          .isLessThan(end.getEpochSecond() * 1_000_000L)
          .isGreaterThan(end.minus(Duration.ofDays(1)).getEpochSecond() * 1_000_000L);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void dataEndMustBeAWholeHour() {
    assertThatThrownBy(() -> SampleDataOptions.small(1).withDataEnd(Instant.parse("2026-11-26T10:30:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the data end must be a whole hour (UTC): 2026-11-26T10:30:00Z");
    assertThat(runExpectingFailure("--out", "x", "--end", "tomorrow")).startsWith(
        "SampleDataGenerator: --end needs an ISO-8601 UTC time such as 2026-01-31T00:00:00Z, not 'tomorrow'\n");
  }

  @Test
  void honoursSizeOverrides() {
    SampleDataOptions options =
        SampleDataOptions.small(1).withDrivers(40).withStatsRows(500).withTrips(300)
            .withEntityRows(250).withCustomers(10);
    SampleDataSummary summary = generate(options, dir);

    assertThat(summary.statsRows()).isEqualTo(500);
    assertThat(summary.tripRows()).isEqualTo(300);
    assertThat(summary.entityRows()).isEqualTo(250);
    assertThat(summary.driversWithoutData()).isEqualTo(2);
    assertThat(summary.customerProfileRows()).isBetween(10L, 30L);
  }

  @Test
  void commandLineWritesAndPrintsTheSummary() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        GeneratorCommand.run(
            new String[] {"--out", dir.toString(), "--seed", "5", "--entity-rows", "100"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("(seed 5)")
        .containsPattern("entityRows +100\\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(dir.resolve("data/entities.parquet")).isRegularFile();
  }

  @Test
  void commandLineRejectsBadArgumentsWithOneLineReason() {
    assertThat(runExpectingFailure("--size", "huge", "--out", "x")).startsWith(
        "SampleDataGenerator: --size must be small or bench, not 'huge'\n");
    assertThat(runExpectingFailure("--seed", "1")).startsWith(
        "SampleDataGenerator: --out DIR is required\n");
    assertThat(runExpectingFailure("--out", "x", "--trips", "many")).startsWith(
        "SampleDataGenerator: --trips needs an integer, not 'many'\n");
    assertThat(runExpectingFailure("--out", "x", "--stats-rows", "10")).startsWith(
        "SampleDataGenerator: stats rows must be between 228 and 136838 for 200 drivers: 10\n");
    assertThat(runExpectingFailure("--out", "x", "--colour", "red")).startsWith(
        "SampleDataGenerator: unknown option --colour\n");
  }

  @Test
  void reportsProgressAsPlainLinesWhenNotATerminal() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SampleDataOptions options = SampleDataOptions.small(3).withEntityRows(200_000);
    new SampleDataGenerator(options, new PrintStream(err, true, StandardCharsets.UTF_8), false)
        .generate(dir);

    String progress = err.toString(StandardCharsets.UTF_8);
    assertThat(progress).doesNotContain("\r").contains("entities").contains("100%");
    assertThat(progress.lines().count()).isBetween(8L, 30L);
  }

  private String runExpectingFailure(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        GeneratorCommand.run(args, DISCARD, new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertThat(code).isEqualTo(2);
    return err.toString(StandardCharsets.UTF_8);
  }

  static SampleDataSummary generate(SampleDataOptions options, Path out) {
    return new SampleDataGenerator(options, DISCARD, false).generate(out);
  }

  /** Relative path to SHA-256 of every file below {@code root}. */
  static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        hashes.put(root.relativize(file).toString().replace('\\', '/'), sha256(file));
      }
    }
    return hashes;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
