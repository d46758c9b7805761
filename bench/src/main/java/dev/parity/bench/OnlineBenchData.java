package dev.parity.bench;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.online.EntityRow;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineView;
import dev.parity.online.serving.OnlineViews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The data of the online benchmarks: a repository with one online view of 10 features (six
 * float64, four int64) keyed by an int64 {@code driver_id}, a feature service over all of it, and
 * rows for it. The repository is written as YAML with a declared source schema (no data files are
 * needed to serve), and the view descriptor is taken from it, so rows written here are the ones
 * {@code OnlineFeatureServer} reads.
 */
final class OnlineBenchData {
  static final int FEATURES = 10;
  static final String VIEW = "bench_stats";
  static final String SERVICE = "bench_v1";
  static final String REDIS_URL = System.getProperty("parity.bench.redis", "redis://127.0.0.1:6399");

  private static final String YAML = """
      entities:
        - name: driver
          join_keys: [driver_id]
      sources:
        - name: bench_source
          format: parquet
          path: data/bench_source
          timestamp: event_timestamp
          schema: { driver_id: int64, event_timestamp: timestamp, f0: float64, f1: int64, f2: float64, f3: int64, f4: float64, f5: int64, f6: float64, f7: int64, f8: float64, f9: float64 }
      feature_views:
        - name: bench_stats
          entities: [driver]
          source: bench_source
          ttl: 2d
          online: true
          features:
            - { name: f0, type: float64 }
            - { name: f1, type: int64 }
            - { name: f2, type: float64 }
            - { name: f3, type: int64 }
            - { name: f4, type: float64 }
            - { name: f5, type: int64 }
            - { name: f6, type: float64 }
            - { name: f7, type: int64 }
            - { name: f8, type: float64 }
            - { name: f9, type: float64 }
      feature_services:
        - name: bench_v1
          features:
            bench_stats: "*"
      """;

  private OnlineBenchData() {}

  /** Loads the benchmark repository from a temporary directory, removed again before returning. */
  static FeatureRepository repository() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("parity-bench-repo");
      Files.writeString(dir.resolve("features.yaml"), YAML);
      return new RepositoryLoader(SourceSchemaResolver.none(), java.util.Map.of()).load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  /** The store descriptor of the benchmark view, as the feature server sees it. */
  static OnlineView view(FeatureRepository repository) {
    return OnlineViews.of(repository).view(VIEW);
  }

  /** Rows for entities {@code first .. first + count - 1}, all at {@code eventTimeMicros}. */
  static List<OnlineRow> rows(long first, int count, long eventTimeMicros) {
    List<OnlineRow> rows = new ArrayList<>(count);
    for (long id = first; id < first + count; id++) {
      List<Object> values = new ArrayList<>(FEATURES);
      for (int f = 0; f < FEATURES; f++) {
        // Even positions and the last are float64, the other odd ones int64 (as in the YAML).
        values.add(f % 2 == 0 || f == FEATURES - 1 ? (Object) (id + f / 10.0) : (Object) (id * 31 + f));
      }
      rows.add(new OnlineRow(List.of(id), eventTimeMicros, eventTimeMicros, values));
    }
    return rows;
  }

  static List<EntityRow> entities(long first, int count) {
    List<EntityRow> entities = new ArrayList<>(count);
    for (long id = first; id < first + count; id++) {
      entities.add(EntityRow.of("driver_id", id));
    }
    return entities;
  }

  static long nowMicros() {
    return System.currentTimeMillis() * 1000;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
