package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.RepositoryConfig;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.ParityApplication;
import dev.parity.server.ParityConfiguration;
import dev.parity.server.core.NotAppliedException;
import dev.parity.server.testing.SampleRepository;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity get-online} in-process, as the launcher runs it: its lookup is the server's, so
 * definitions not applied to the registry are refused as {@code POST /get-online-features}
 * refuses them (409 there), before Redis is asked.
 */
class GetOnlineCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path temp;

  record Result(Optional<Throwable> failure, String out, String err) {}

  @Test
  void refusesAServiceThatIsNotAppliedToTheRegistry() throws IOException {
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    Result result = run("get-online", "-r", repo.toString(), "--service", "driver_ranking_v1", "--entity",
        "driver_id=1001");

    assertThat(result.failure()).containsInstanceOf(NotAppliedException.class);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("parity get-online: ")
        .contains("feature service 'driver_ranking_v1' is not registered", "parity apply").hasLineCount(1);
  }

  @Test
  void refusesAViewThatIsNotAppliedToTheRegistry() throws IOException {
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    Result result = run("get-online", "-r", repo.toString(), "--features", "driver_hourly_stats:conv_rate",
        "--entity", "driver_id=1001");

    assertThat(result.failure()).containsInstanceOf(NotAppliedException.class);
    assertThat(result.err()).contains("'driver_hourly_stats' is not registered").hasLineCount(1);
  }

  @Test
  void printsTheDeclaredDefaultOfAnEntityNotFoundWithItsStatus() throws IOException {
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, "{ name: conv_rate, type: float64 }",
        "{ name: conv_rate, type: float64, default: -1 }");
    String redis = TestRedis.standaloneUrl();
    assertThat(runWithRedis(redis, "apply", "-r", repo.toString()).failure()).isEmpty();

    // Driver 5 is in no sample source: nothing is stored for it.
    Result result = runWithRedis(redis, "get-online", "-r", repo.toString(), "--features",
        "driver_hourly_stats:conv_rate,driver_hourly_stats:acc_rate", "--entity", "driver_id=5");

    assertThat(result.failure()).isEmpty();
    assertThat(result.out().replace(" ", "").replace("\n", ""))
        .contains("{\"values\":[-1.0],\"statuses\":[\"NOT_FOUND\"]")
        .contains("{\"values\":[null],\"statuses\":[\"NOT_FOUND\"]");
  }

  /** Runs the CLI with a fresh registry of the repository's own and a Redis URL nothing listens on. */
  private static Result run(String... args) throws IOException {
    int unused;
    try (ServerSocket socket = new ServerSocket(0)) {
      unused = socket.getLocalPort();
    }
    return runWithRedis("redis://127.0.0.1:" + unused, args);
  }

  /** Runs the CLI with a fresh registry of the repository's own and Redis at {@code redisUrl}. */
  private static Result runWithRedis(String redisUrl, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    ParityApplication application = new ParityApplication(
        Map.of(RepositoryConfig.REDIS_URL_ENV, redisUrl), CLOCK, outStream, errStream);
    Bootstrap<ParityConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    Optional<Throwable> failure = new Cli(new JarLocation(ParityApplication.class), bootstrap, outStream, errStream).run(args);
    return new Result(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
