package dev.parity.reports.skew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.reports.skew.SkewData.Shape;
import dev.parity.reports.skew.SkewReport.FeatureSkew;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A range of a serving log as a side of a skew report: the rows it keeps, and the ranges it refuses. */
class ServingLogInputTest {
  private static final Instant DAY1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long MINUTE = 60_000_000L;
  /** One row a minute over three days, written in one file per date. */
  private static final int ROWS = 3 * 24 * 60;

  private final BufferAllocator allocator = new RootAllocator();
  private final SkewReports reports = new SkewReports(allocator, Clock.fixed(DAY1, ZoneOffset.UTC),
      SkewOptions.defaults());
  @TempDir Path dir;

  @AfterEach
  void close() {
    allocator.close(); // fails the test if a pass leaked Arrow memory
  }

  @Test
  void keepsExactlyTheRequestsOfTheHalfOpenRangeAsIfTheyWereTheirOwnFile() {
    Path log = dir.resolve("serving_log/scoring");
    // from 30 s into 23:30 of day 1 to 14:00 of day 2, excluded: part of two files, 869 rows, below
    // the sketches' k so that every share is an exact count
    Instant from = DAY1.plusSeconds(23 * 3600 + 30 * 60 + 30);
    Instant to = DAY1.plusSeconds(38 * 3600);
    Path inRange = dir.resolve("in-range.parquet");
    writeLog(log, from, to, inRange);
    ParquetInput reference = ParquetInput.of(SkewData.write(dir.resolve("ref.parquet"), Shape.of(5, 5_000)).toString());

    SkewReport fromLog = reports.compare(SkewData.repository(), "scoring", reference,
        ServingLogInput.of(log, from, to));
    SkewReport fromFile = reports.compare(SkewData.repository(), "scoring", reference,
        ParquetInput.of(inRange.toString()));

    assertThat(fromLog.current().rows()).isEqualTo(fromFile.current().rows()).isEqualTo(869);
    assertThat(fromLog.current().description()).isEqualTo("serving log " + log.toAbsolutePath()
        + ", requests in [" + from + ", " + to + ")");
    assertThat(fromLog.features()).hasSameSizeAs(fromFile.features());
    for (int i = 0; i < fromFile.features().size(); i++) {
      FeatureSkew expected = fromFile.features().get(i);
      FeatureSkew actual = fromLog.features().get(i);
      assertThat(actual.feature()).isEqualTo(expected.feature());
      // counts are exact; means and deviations are merged per batch, so agree to rounding
      assertThat(actual.bins()).as(actual.feature()).isEqualTo(expected.bins());
      assertThat(actual.current().rows()).isEqualTo(expected.current().rows());
      assertThat(actual.current().missing()).isEqualTo(expected.current().missing());
      assertThat(actual.current().min()).isEqualTo(expected.current().min());
      assertThat(actual.current().max()).isEqualTo(expected.current().max());
      assertThat(actual.statistics()).hasSameSizeAs(expected.statistics());
      for (int s = 0; s < expected.statistics().size(); s++) {
        Double value = expected.statistics().get(s).value();
        assertThat(actual.statistics().get(s).value()).as(actual.feature() + " " + expected.statistics().get(s).name())
            .isCloseTo(value, within(1e-12 * Math.max(1, Math.abs(value))));
      }
    }
  }

  @Test
  void aRangeWithoutRequestsIsRefusedSayingItIsEmpty() {
    Path log = dir.resolve("serving_log/scoring");
    writeLog(log, DAY1, DAY1.plusSeconds(60), dir.resolve("unused.parquet"));
    Instant after = DAY1.plusSeconds(3 * 86_400);

    assertThatThrownBy(() -> ServingLogInput.of(log, Instant.parse("2025-06-01T00:00:00Z"),
        Instant.parse("2025-06-02T00:00:00Z")))
        .isInstanceOf(SkewInputException.class)
        .hasMessage("the serving log range [2025-06-01T00:00:00Z, 2025-06-02T00:00:00Z) is empty: the serving log at "
            + log + " has no file for its dates");
    // the last file's date, after its last request: refused from the footers' statistics
    assertThatThrownBy(() -> ServingLogInput.of(log, after.minusSeconds(30), after.plusSeconds(60)))
        .isInstanceOf(SkewInputException.class)
        .hasMessage("the serving log range [" + after.minusSeconds(30) + ", " + after.plusSeconds(60) + ") is empty: "
            + "no request of the serving log at " + log + " falls in it (the files of those dates hold requests from "
            + DAY1.plusSeconds(2 * 86_400) + " to " + after.minusSeconds(60) + ")");
    assertThatThrownBy(() -> ServingLogInput.of(dir.resolve("serving_log/other"), DAY1, after))
        .isInstanceOf(SkewInputException.class).hasMessageStartingWith("there is no serving log at ");
    assertThatThrownBy(() -> ServingLogInput.of(log, after, after)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not before its end");
  }

  /**
   * Writes the log (request_time one a minute from DAY1, a file per date, the features drawn from
   * a seeded generator, some null) and, to {@code inRange}, the rows with a request time in
   * {@code [from, to)} without it.
   */
  private static void writeLog(Path log, Instant from, Instant to, Path inRange) {
    long fromMicros = from.getEpochSecond() * 1_000_000L;
    long toMicros = to.getEpochSecond() * 1_000_000L;
    long day1 = DAY1.getEpochSecond() * 1_000_000L;
    List<Column> features = List.of(Column.optional("stats__rate", DataType.FLOAT64),
        Column.optional("stats__trips", DataType.INT64), Column.optional("stats__seen_at", DataType.TIMESTAMP),
        Column.optional("stats__vehicle", DataType.STRING), Column.optional("stats__active", DataType.BOOL));
    List<Column> logColumns = new ArrayList<>(List.of(Column.required("request_id", DataType.STRING),
        Column.required("request_time", DataType.TIMESTAMP)));
    logColumns.addAll(features);
    SplittableRandom random = new SplittableRandom(17);
    try (RowWriter expected = ParquetFiles.create(inRange, features, ParquetWriteOptions.defaults())) {
      for (int day = 0; day < 3; day++) {
        Path file = log.resolve("date=" + DAY1.plusSeconds(day * 86_400L).toString().substring(0, 10))
            .resolve("part-0.parquet");
        createParent(file);
        try (RowWriter out = ParquetFiles.create(file, logColumns, ParquetWriteOptions.defaults())) {
          for (int minute = 0; minute < 24 * 60; minute++) {
            long time = day1 + (day * 24L * 60 + minute) * MINUTE;
            if (time - day1 >= ROWS * MINUTE) {
              break;
            }
            Object[] values = {
                random.nextDouble() < 0.05 ? null : SkewData.gaussian(random) + day,
                random.nextDouble() < 0.05 ? null : (long) random.nextInt(9),
                random.nextDouble() < 0.05 ? null : time - random.nextLong(1_000 * MINUTE),
                random.nextDouble() < 0.05 ? null : SkewData.VEHICLES.get(random.nextInt(4)),
                random.nextDouble() < 0.05 ? null : random.nextBoolean()};
            out.setString(0, "r" + time).setTimestampMicros(1, time);
            set(out, 2, values);
            out.endRow();
            if (time >= fromMicros && time < toMicros) {
              set(expected, 0, values);
              expected.endRow();
            }
          }
          out.commit();
        }
      }
      expected.commit();
    }
  }

  private static void set(RowWriter out, int first, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      out.setValue(first + i, values[i]);
    }
  }

  private static void createParent(Path file) {
    try {
      Files.createDirectories(file.getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
