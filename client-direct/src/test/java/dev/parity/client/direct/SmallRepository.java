package dev.parity.client.direct;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineView;
import dev.parity.online.serving.OnlineViews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A feature repository of one view ({@code stats}: rate, trips, kind; ttl 1 day), an on-demand
 * feature reading it and a request field, and a service, in a project of its own per test.
 */
final class SmallRepository {
  private static final AtomicInteger PROJECTS = new AtomicInteger();
  static final String SERVICE = """
      feature_services:
        - name: ranking_v1
          features:
            stats: [rate, trips]
            adjusted: [rate_plus]
      """;
  static final String DEFINITIONS = """
      entities:
        - name: driver
          join_keys: [driver_id]
      sources:
        - name: stats_source
          format: csv
          path: data/stats.csv
          timestamp: event_timestamp
          schema: { driver_id: int64, event_timestamp: timestamp, rate: float64, trips: int64, kind: string }
      feature_views:
        - name: stats
          entities: [driver]
          source: stats_source
          ttl: 1d
          online: true
          features:
            - { name: rate, type: float64 }
            - { name: trips, type: int64 }
            - { name: kind, type: string }
      on_demand_features:
        - name: adjusted
          request: { bonus: int64 }
          features:
            - { name: rate_plus, type: float64, expr: "stats.rate + bonus" }
      """;

  final Path root;
  final String project;

  SmallRepository(Path directory) {
    this.root = directory;
    this.project = "direct_" + PROJECTS.incrementAndGet() + "_" + ProcessHandle.current().pid();
    write("parity.yaml", "project: " + project + "\n");
    write("data/stats.csv", "driver_id,event_timestamp,rate,trips,kind\n");
    write("definitions.yaml", DEFINITIONS + SERVICE);
  }

  void write(String file, String text) {
    try {
      Path path = root.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FeatureRepository load() {
    return new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(root);
  }

  /** Writes driver {@code driver}'s stats row of {@code eventTime}: rate driver / 8, trips driver, kind "k" + driver. */
  void writeStats(OnlineStore store, long driver, Instant eventTime) {
    OnlineView view = OnlineViews.of(load()).view("stats");
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, eventTime);
    store.write(view, List.of(OnlineRow.of(List.of(driver), micros, List.of(driver / 8.0, driver, "k" + driver))));
  }
}
