package dev.parity.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.DataType;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.testing.PackagedJar;
import dev.parity.server.testing.PackagedJar.Run;
import dev.parity.server.testing.SampleRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity push} as a process of the shaded jar on an applied copy of the sample repository
 * with the test Redis: a CSV push served by {@code get-online}, a Parquet push appended offline,
 * and one-line failures with exit code 1. Event times are recent: Redis drops values older than
 * their ttl when written.
 */
@Tag("packaged")
class PushCliIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  private static Path repo;
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void applyTheSampleRepository() {
    repo = SampleRepository.create(temp.resolve("drivers"));
    SampleRepository.edit(repo, "parity.yaml", "project: default", "project: push_cli_" + ProcessHandle.current().pid());
    assertThat(parity("apply", "-r", repo.toString()).exitCode()).isZero();
  }

  @Test
  void pushesACsvFileOnlineAndGetOnlineServesIt() throws IOException {
    Path rows = temp.resolve("rows.csv");
    Files.writeString(rows, "driver_id,event_timestamp,conv_rate,acc_rate,avg_daily_trips,vehicle_type\n"
        + "1001," + NOW.minus(5, ChronoUnit.MINUTES) + ",0.5,,3,van\n"
        + "1002," + NOW.minus(6, ChronoUnit.MINUTES) + ",0.25,0.5,4,sedan\n");

    Run push = parity("push", "-r", repo.toString(), "--source", "driver_stats", "--file", rows.toString());

    assertThat(push.exitCode()).as(push.err()).isZero();
    assertThat(push.out()).isEqualTo("Pushed 2 rows to source driver_stats (online): driver_hourly_stats 2 written.\n");
    Run lookup = parity("get-online", "-r", repo.toString(), "--features",
        "driver_hourly_stats:conv_rate,driver_hourly_stats:acc_rate", "--entity", "driver_id=1001", "--entity",
        "driver_id=1002");
    assertThat(lookup.exitCode()).as(lookup.err()).isZero();
    JsonNode json = JSON.readTree(lookup.out());
    assertThat(json.at("/results/1/values").toString()).isEqualTo("[0.5,0.25]");
    assertThat(json.at("/results/2/statuses").toString()).isEqualTo("[\"NULL_VALUE\",\"PRESENT\"]");
    assertThat(json.at("/results/1/event_timestamps/0").asText()).isEqualTo(NOW.minus(5, ChronoUnit.MINUTES).toString());
  }

  @Test
  void pushesAParquetFileOfflineAsANewFileOfTheSource() {
    Path rows = temp.resolve("rows.parquet");
    try (RowWriter out = ParquetFiles.create(rows, List.of(Column.required("driver_id", DataType.INT64),
        Column.required("event_timestamp", DataType.TIMESTAMP), Column.optional("conv_rate", DataType.FLOAT64),
        Column.optional("acc_rate", DataType.FLOAT64), Column.optional("avg_daily_trips", DataType.INT64),
        Column.optional("vehicle_type", DataType.STRING)), ParquetWriteOptions.defaults())) {
      out.setLong(0, 1003).setTimestamp(1, NOW).setDouble(2, 0.75).setNull(3).setLong(4, 2).setString(5, "suv").endRow();
      out.commit();
    }

    Run push = parity("push", "-r", repo.toString(), "--source", "driver_stats", "--file", rows.toString(), "--to",
        "offline");

    assertThat(push.exitCode()).as(push.err()).isZero();
    assertThat(push.out()).startsWith("Pushed 1 row to source driver_stats (offline): appended ")
        .contains(repo.resolve("data/driver_stats").resolve("push-").toString()).hasLineCount(1);
    String appended = push.out().substring(push.out().indexOf("appended ") + 9, push.out().length() - 2);
    assertThat(Path.of(appended)).isRegularFile();
  }

  @Test
  void failsWithOneLineAndExitCode1() throws IOException {
    Path bad = temp.resolve("bad.csv");
    Files.writeString(bad, "driver_id,event_timestamp,conv_rate,acc_rate,avg_daily_trips,vehicle_type\n"
        + "1004," + NOW + ",0.5,0.5,3,van\n"
        + "1005," + NOW + ",abc,0.5,3,van\n");
    List<String> before = files();

    Run badRow = parity("push", "-r", repo.toString(), "--source", "driver_stats", "--file", bad.toString(), "--to",
        "online_and_offline");
    Run unknown = parity("push", "-r", repo.toString(), "--source", "driver_stat", "--file", bad.toString());
    Run badTarget = parity("push", "-r", repo.toString(), "--source", "driver_stats", "--file", bad.toString(), "--to",
        "everywhere");
    Run csvOffline = parity("push", "-r", repo.toString(), "--source", "customer_profile", "--file", bad.toString(),
        "--to", "offline");

    assertThat(badRow).isEqualTo(new Run(1, "", "parity push: rows rejected for source driver_stats: row 1, column "
        + "conv_rate: expected float64, got \"abc\"; nothing was written\n"));
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("parity push: unknown source 'driver_stat'").hasLineCount(1);
    assertThat(badTarget.exitCode()).isEqualTo(1);
    assertThat(badTarget.err()).startsWith("parity push: unknown push target 'everywhere'").hasLineCount(1);
    assertThat(csvOffline.exitCode()).isEqualTo(1);
    assertThat(csvOffline.err()).startsWith("parity push: source 'customer_profile' is a csv source").hasLineCount(1);
    assertThat(files()).isEqualTo(before);
  }

  private static List<String> files() throws IOException {
    try (var paths = Files.list(repo.resolve("data/driver_stats"))) {
      return paths.map(Path::toString).sorted().toList();
    }
  }

  private static Run parity(String... args) {
    return PackagedJar.run(PackagedJar.command(args), environment -> {
      environment.remove(RepositoryConfig.REGISTRY_URL_ENV);
      environment.put(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
    }, TIMEOUT, temp);
  }
}
