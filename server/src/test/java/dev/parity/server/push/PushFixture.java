package dev.parity.server.push;

import dev.parity.online.FeatureValue;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.push.PushResult;
import dev.parity.server.push.PushRows;
import dev.parity.server.push.PushService;
import dev.parity.server.push.PushTarget;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.testing.SampleProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link SampleProject} (project {@code push_...}; its generated data ends at {@link #T}) with a
 * clock fixed two hours after the data, and helpers to push {@code driver_stats} rows and read them
 * back online.
 */
final class PushFixture extends SampleProject {
  static final Instant T = Instant.parse("2026-01-31T00:00:00Z");
  static final Instant NOW = T.plus(Duration.ofHours(2));
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String STATS = "driver_stats";

  PushFixture(Path directory) {
    super(directory, "push", Map.of(), CLOCK);
  }

  @Override
  public PushFixture apply() {
    super.apply();
    return this;
  }

  PushResult push(PushRows rows, PushTarget to) {
    RepositoryStores opened = openedStores();
    return new PushService(opened).push(opened.repository(), STATS, rows, to);
  }

  /** {@code driver_stats} rows of {@code driver} at the given event times, conv_rate as given; other features fixed. */
  static Map<String, List<Object>> stats(long driver, List<String> eventTimes, List<Double> convRates) {
    int n = eventTimes.size();
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    columns.put("driver_id", new ArrayList<>(java.util.Collections.nCopies(n, (Object) driver)));
    columns.put("event_timestamp", new ArrayList<>(eventTimes));
    columns.put("conv_rate", new ArrayList<>(convRates));
    columns.put("acc_rate", new ArrayList<>(java.util.Collections.nCopies(n, (Object) 0.25)));
    columns.put("avg_daily_trips", new ArrayList<>(java.util.Collections.nCopies(n, (Object) 7L)));
    columns.put("vehicle_type", new ArrayList<>(java.util.Collections.nCopies(n, (Object) "suv")));
    return columns;
  }

  static PushRows row(long driver, String eventTime, double convRate) {
    return new PushRows(stats(driver, List.of(eventTime), List.of(convRate)));
  }

  /** {@code driver_hourly_stats:conv_rate} of {@code driver} online. */
  FeatureValue convRate(long driver) {
    return ServedDefinitions.open(openedStores()).get(OnlineFeaturesRequest.forFeatures(
        List.of("driver_hourly_stats:conv_rate"), Map.of("driver_id", List.of(driver)))).column("conv_rate").entry(0);
  }

  /** The names of the files now in the source's directory. */
  List<String> sourceFiles() {
    try (Stream<Path> files = Files.list(root.resolve("data/driver_stats"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Object> list(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }
}
