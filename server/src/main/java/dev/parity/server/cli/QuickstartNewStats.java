package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;
import dev.parity.client.ParityClient;
import dev.parity.client.ParityClientException;
import dev.parity.client.PushRequest;
import dev.parity.client.PushResult;
import dev.parity.client.PushTarget;
import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.schema.SourceFiles;
import dev.parity.server.push.PushFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quickstart's second batch of driver stats, with a planted drift: the upstream re-delivers
 * every row of {@code driver_stats} with {@code avg_daily_trips} counted per week instead of per
 * day (seven times the value), every other column as it was. The rows are pushed offline through
 * the Java client ({@code POST /push/driver_stats}) in pushes of at most {@value #ROWS_PER_PUSH}
 * rows (the server's {@code maxEntityRows}), each appended to the source's directory as a new
 * Parquet file, created at the push time: the re-delivered rows win every tie, so the training sets
 * built afterwards see the drift in {@code trips_log} (= {@code log1p(avg_daily_trips)}) and in
 * nothing else the service reads. Stateless.
 */
final class QuickstartNewStats {
  static final String SOURCE = "driver_stats";
  static final String DRIFTED = "avg_daily_trips";
  static final long FACTOR = 7;
  /** The default {@code maxEntityRows} of a server: rows in one push. */
  static final int ROWS_PER_PUSH = 1000;
  /** Left out: the push fills the created time with its own time, which is what makes the new rows win. */
  private static final String CREATED = "created";

  private QuickstartNewStats() {}

  /** The rows of the source's files as they are now, {@code avg_daily_trips} times seven, without {@code created}. */
  static Map<String, List<Object>> batch(FeatureRepository repository) {
    String path = repository.source(SOURCE).orElseThrow().path();
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    for (Path file : SourceFiles.list(repository.root(), path)) {
      PushFiles.read(file, Map.of()).columns().forEach((name, values) -> {
        if (!name.equals(CREATED)) {
          columns.computeIfAbsent(name, n -> new ArrayList<>()).addAll(name.equals(DRIFTED) ? drifted(values) : values);
        }
      });
    }
    return columns;
  }

  /**
   * Pushes {@code batch} offline through {@code client}, {@value #ROWS_PER_PUSH} rows at a time,
   * and returns what each push did.
   *
   * @throws ParityException if a push is refused (the server's reason)
   */
  static List<PushResult> push(ParityClient client, Map<String, List<Object>> batch) {
    requireNonNull(batch, "batch is null");
    int rows = batch.values().iterator().next().size();
    List<PushResult> results = new ArrayList<>();
    for (int from = 0; from < rows; from += ROWS_PER_PUSH) {
      int to = Math.min(rows, from + ROWS_PER_PUSH);
      PushRequest push = client.push(SOURCE).to(PushTarget.OFFLINE).deadline(Duration.ofMinutes(1));
      int first = from;
      batch.forEach((name, values) -> push.column(name, values.subList(first, to)));
      try {
        results.add(push.send());
      } catch (ParityClientException e) {
        throw new ParityException("pushing rows " + from + ".." + (to - 1) + " of the new driver stats failed: "
            + e.getMessage(), e);
      }
    }
    return results;
  }

  private static List<Object> drifted(List<Object> values) {
    List<Object> drifted = new ArrayList<>(values.size());
    for (Object value : values) {
      drifted.add(value == null ? null : ((Number) value).longValue() * FACTOR);
    }
    return drifted;
  }
}
