package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.RepositoryConfig;
import dev.parity.online.internal.RedisBinaries;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.testing.PackagedJar;
import dev.parity.server.testing.PackagedJar.Run;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity quickstart} as a newcomer runs it: the packaged jar in a process, on an empty
 * directory, with and without a Redis already running.
 */
@Tag("packaged")
class QuickstartIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(300);
  private static final Pattern STARTED_REDIS = Pattern.compile(
      "redis://127\\.0\\.0\\.1:(\\d+) \\(Redis (\\S+) bundled with Parity, copied to (\\S+); started for the quickstart");

  @TempDir Path temp;

  /**
   * Nothing answers at the configured Redis, and (as on a machine with only a JDK) the quickstart
   * starts the real redis-server bundled in the jar: installed ones are hidden from it.
   */
  @Test
  void runsTheWholeStoryWithTheBundledRedisAndServesWhatTheDataSays() throws Exception {
    Path dir = temp.resolve("quickstart");
    Run run = PackagedJar.run(PackagedJar.command("quickstart", "-r", dir.toString()), environment -> {
      environment.remove(RepositoryConfig.REGISTRY_URL_ENV);
      environment.put(RepositoryConfig.REDIS_URL_ENV, "redis://127.0.0.1:" + PackagedJar.freePort());
      environment.put(RedisBinaries.FORCE_BUNDLED_ENV, "1");
    }, TIMEOUT, temp);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("[1/12] sample data", "[2/12] validate", "[3/12] apply", "[4/12] validate the data",
        "[5/12] materialize", "[6/12] serve them over HTTP", "[7/12] consistency report", "[8/12] a second batch",
        "[9/12] skew report", "[10/12] the server's scheduler fires trigger retrain_on_new_stats",
        "[11/12] promote driver_ranking run-1", "[12/12] the lineage of driver_ranking:run-1",
        "Applied revision 1 of project 'default'", "Training set 1: 2000 rows");
    assertThat(run.err().lines()).noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
    assertThat(count(dir.resolve("training/driver_ranking_v1.parquet"))).isEqualTo(2000);

    // The data ends at the current hour, so the 2d-ttl view is served today, with the value the
    // sample data says: the latest row by event then created time.
    for (long driver : Quickstart.DRIVERS) {
      Matcher line = Pattern.compile("\\n\\s+" + driver + "\\s+driver_hourly_stats__conv_rate\\s+(\\S+)\\s+(\\S+)\\s")
          .matcher(run.out());
      assertThat(line.find()).as("lookup line of driver %d in%n%s", driver, run.out()).isTrue();
      assertThat(line.group(2)).isEqualTo("PRESENT");
      assertThat(line.group(1)).isEqualTo(String.valueOf(latestConvRate(dir, driver)));
    }

    Matcher started = STARTED_REDIS.matcher(run.out());
    assertThat(started.find()).as(run.out()).isTrue();
    assertThat(started.group(2)).isEqualTo(RedisBinaries.BUNDLED_VERSION);
    assertThat(started.group(3)).startsWith(dir.toString());
    assertThat(Path.of(started.group(3))).as("the copy of the bundled binary is deleted at the end").doesNotExist();
    assertThat(accepts(Integer.parseInt(started.group(1)))).as("the quickstart's redis-server was stopped").isFalse();
  }

  @Test
  void usesARunningRedisAndARerunTellsTheSameStory() {
    Path dir = temp.resolve("again");
    String redis = TestRedis.standaloneUrl();
    Run first = quickstart(dir, redis);
    Run second = quickstart(dir, redis);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(first.out()).doesNotContain("started for the quickstart");
    // A second run starts over, so that it tells the same story: its own registry, trigger baseline and model versions.
    assertThat(second.out()).contains("(started over: an earlier run's data, registry and outputs removed)")
        .contains("Applied revision 1 of project 'default'").contains("Training set 1: 2000 rows")
        .contains("[12/12] the lineage of driver_ranking:run-1")
        .containsPattern("1001\\s+driver_activity__trips_7d\\s+\\d+\\s+PRESENT");
  }

  @Test
  void refusesADirectoryHoldingOtherDefinitions() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("mine"));
    Files.writeString(dir.resolve("parity.yaml"), "project: mine\n");

    Run run = quickstart(dir, TestRedis.standaloneUrl());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("parity quickstart: " + dir.resolve("parity.yaml")
        + " exists and is not the quickstart's parity.yaml").hasLineCount(1);
    assertThat(Files.readString(dir.resolve("parity.yaml"))).isEqualTo("project: mine\n");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  private static double latestConvRate(Path dir, long driver) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("SELECT conv_rate FROM read_parquet('"
            + dir.resolve("data/driver_stats/*.parquet") + "') WHERE driver_id = " + driver
            + " ORDER BY event_timestamp DESC, created DESC LIMIT 1")) {
      assertThat(result.next()).isTrue();
      return result.getDouble(1);
    }
  }

  private static long count(Path parquet) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Run quickstart(Path dir, String redisUrl) {
    return PackagedJar.run(PackagedJar.command("quickstart", "-r", dir.toString()), environment -> {
      environment.remove(RepositoryConfig.REGISTRY_URL_ENV);
      environment.put(RepositoryConfig.REDIS_URL_ENV, redisUrl);
    }, TIMEOUT, temp);
  }
}
