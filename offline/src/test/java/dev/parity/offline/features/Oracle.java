package dev.parity.offline.features;

import static dev.parity.offline.parquet.write.DuckDb.literal;

import dev.parity.offline.parquet.write.DuckDb;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Independent DuckDB computations of the example's features over the generated sources. */
final class Oracle {
  private Oracle() {}

  private static String entityRows(Path entities) {
    return "SELECT file_row_number AS rn, driver_id, event_timestamp AS t FROM read_parquet(" + literal(entities)
        + ", file_row_number=true)";
  }

  /**
   * Per entity row in input order: point-in-time {@code conv_rate} and {@code avg_daily_trips} of
   * {@code driver_hourly_stats} (ttl 2d; ties by created, then file and row order), ignoring rows
   * created after {@code asOfCreated} when given.
   */
  static List<List<Object>> pointInTime(DuckDb duck, Path repo, Path entities, Instant asOfCreated) {
    String filter = asOfCreated == null ? ""
        : " WHERE created IS NULL OR created <= TIMESTAMPTZ '" + asOfCreated + "'";
    return duck.rows("WITH e AS (" + entityRows(entities) + "),"
        + " s AS (SELECT * FROM read_parquet(" + literal(repo.resolve("data/driver_stats")) + " || '/*.parquet',"
        + " filename=true, file_row_number=true)" + filter + "),"
        + " m AS (SELECT e.rn, s.conv_rate, s.avg_daily_trips, row_number() OVER (PARTITION BY e.rn"
        + " ORDER BY s.event_timestamp DESC, s.created DESC NULLS LAST, s.filename DESC, s.file_row_number DESC) AS k"
        + " FROM e JOIN s ON s.driver_id = e.driver_id AND s.event_timestamp <= e.t"
        + " AND s.event_timestamp >= e.t - INTERVAL 2 DAY)"
        + " SELECT m.conv_rate, m.avg_daily_trips FROM e LEFT JOIN m ON m.rn = e.rn AND m.k = 1 ORDER BY e.rn");
  }

  /** Per entity row in input order: trips in {@code (T - 7d, T]} and the sum of fares in {@code (T - 1d, T]}. */
  static List<List<Object>> windows(DuckDb duck, Path repo, Path entities) {
    return duck.rows("WITH e AS (" + entityRows(entities) + "),"
        + " tr AS (SELECT * FROM read_parquet(" + literal(repo.resolve("data/trips")) + " || '/*.parquet'))"
        + " SELECT count(tr.event_timestamp) FILTER (WHERE tr.event_timestamp > e.t - INTERVAL 7 DAY),"
        + " sum(tr.fare) FILTER (WHERE tr.event_timestamp > e.t - INTERVAL 1 DAY)"
        + " FROM e LEFT JOIN tr ON tr.driver_id = e.driver_id AND tr.event_timestamp <= e.t"
        + " AND tr.event_timestamp > e.t - INTERVAL 7 DAY GROUP BY e.rn ORDER BY e.rn");
  }
}
