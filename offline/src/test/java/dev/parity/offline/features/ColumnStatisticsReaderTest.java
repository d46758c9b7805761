package dev.parity.offline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.TestAllocator;
import dev.parity.offline.parquet.write.ArrowParquetWriter;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential: the statistics {@link ColumnStatisticsReader} collects from a file the engine's
 * writer wrote equal, field for field, those of collectors fed the written vectors batch by batch
 * (as the output pass feeds them), for every type, with nulls, NaN, infinities, more finite values
 * than the sample holds, more distinct strings than are counted exactly, dictionary and plain
 * pages and several row groups.
 */
class ColumnStatisticsReaderTest {
  private static final int ROWS = 250_000;
  private static final int BATCH = 30_000;
  private static final List<Column> COLUMNS = List.of(
      Column.optional("id", DataType.INT64),
      Column.optional("f", DataType.FLOAT64),
      Column.optional("sparse", DataType.FLOAT64),
      Column.optional("n", DataType.INT64),
      Column.optional("ts", DataType.TIMESTAMP),
      Column.optional("s", DataType.STRING),
      Column.optional("few", DataType.STRING),
      Column.optional("b", DataType.BOOL),
      Column.optional("empty", DataType.FLOAT64));

  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  @Test
  void readsTheStatisticsTheWrittenBatchesGive() {
    Path file = dir.resolve("joined.parquet");
    List<StatisticsCollector> fed = write(file, ParquetWriteOptions.defaults().withRowGroupRowLimit(70_000));
    List<FeatureStatistics> expected = fed.stream().map(StatisticsCollector::result).toList();

    List<FeatureStatistics> parallel = ColumnStatisticsReader.read(file, collectors(), 2);
    List<FeatureStatistics> serial = ColumnStatisticsReader.read(file, collectors(), 1);

    assertThat(parallel).isEqualTo(expected);
    assertThat(serial).isEqualTo(expected);
    // The cases the columns are there for.
    assertThat(expected.get(1).numeric().sampleSize()).isEqualTo(FeatureStatistics.SAMPLE_SIZE);
    assertThat(expected.get(1).numeric().nan()).isPositive();
    assertThat(expected.get(1).numeric().positiveInfinity()).isPositive();
    assertThat(expected.get(2).nulls()).isGreaterThan(ROWS / 2);
    assertThat(expected.get(5).strings().exact()).isFalse();
    assertThat(expected.get(6).strings().exact()).isTrue();
    assertThat(expected.get(7).booleans().trueCount()).isPositive();
    assertThat(expected.get(8).nulls()).isEqualTo(ROWS);
  }

  @Test
  void readsOnlyTheColumnsAskedFor() {
    Path file = dir.resolve("joined.parquet");
    List<StatisticsCollector> fed = write(file, ParquetWriteOptions.defaults());

    List<FeatureStatistics> some = ColumnStatisticsReader.read(file,
        List.of(collectors().get(5), collectors().get(3)), 2);

    assertThat(some).containsExactly(fed.get(5).result(), fed.get(3).result());
  }

  @Test
  void rejectsAMissingColumnOrAnotherType() {
    Path file = dir.resolve("joined.parquet");
    write(file, ParquetWriteOptions.defaults());

    assertThatThrownBy(() -> ColumnStatisticsReader.read(file,
        List.of(new StatisticsCollector("v:x", "nope", DataType.FLOAT64)), 2))
        .isInstanceOf(CorruptInputException.class).hasMessageContaining("no column nope");
    assertThatThrownBy(() -> ColumnStatisticsReader.read(file,
        List.of(collectors().get(0), new StatisticsCollector("v:s", "s", DataType.INT64)), 2))
        .isInstanceOf(CorruptInputException.class).hasMessageContaining("column s");
  }

  private static List<StatisticsCollector> collectors() {
    List<StatisticsCollector> collectors = new ArrayList<>();
    COLUMNS.forEach(c -> collectors.add(new StatisticsCollector("v:" + c.name(), c.name(), c.type())));
    return collectors;
  }

  /** Writes the test table and returns collectors fed the same batches. */
  private List<StatisticsCollector> write(Path file, ParquetWriteOptions options) {
    List<StatisticsCollector> collectors = collectors();
    SplittableRandom random = new SplittableRandom(42);
    try (ArrowParquetWriter out = ArrowParquetWriter.create(file, COLUMNS, options, 2)) {
      for (int start = 0; start < ROWS; start += BATCH) {
        int n = Math.min(BATCH, ROWS - start);
        List<FieldVector> vectors = batch(start, n, random);
        try {
          out.writeBatch(vectors.toArray(FieldVector[]::new), new int[COLUMNS.size()][], new int[COLUMNS.size()], n);
          for (int c = 0; c < COLUMNS.size(); c++) {
            collectors.get(c).add(vectors.get(c), n);
          }
        } finally {
          vectors.forEach(FieldVector::close);
        }
      }
      out.commit();
    }
    return collectors;
  }

  private List<FieldVector> batch(int start, int n, SplittableRandom random) {
    BigIntVector id = new BigIntVector("id", allocator);
    Float8Vector f = new Float8Vector("f", allocator);
    Float8Vector sparse = new Float8Vector("sparse", allocator);
    BigIntVector small = new BigIntVector("n", allocator);
    TimeStampMicroTZVector ts = new TimeStampMicroTZVector("ts", allocator, "UTC");
    VarCharVector s = new VarCharVector("s", allocator);
    VarCharVector few = new VarCharVector("few", allocator);
    BitVector b = new BitVector("b", allocator);
    Float8Vector empty = new Float8Vector("empty", allocator);
    List<FieldVector> vectors = List.of(id, f, sparse, small, ts, s, few, b, empty);
    vectors.forEach(v -> {
      v.setInitialCapacity(n);
      v.allocateNew();
    });
    for (int i = 0; i < n; i++) {
      int row = start + i;
      id.set(i, row);
      switch (row % 1000) {
        case 1 -> f.set(i, Double.NaN);
        case 2 -> f.set(i, Double.POSITIVE_INFINITY);
        case 3 -> f.set(i, Double.NEGATIVE_INFINITY);
        case 4 -> f.set(i, -0.0);
        case 5 -> f.setNull(i);
        default -> f.set(i, random.nextGaussian() * 100);
      }
      // Long runs of nulls and of values.
      if ((row / 5000) % 3 == 0 && row % 7 != 0) {
        sparse.set(i, random.nextDouble());
      } else {
        sparse.setNull(i);
      }
      if (row % 11 == 0) {
        small.setNull(i);
      } else {
        small.set(i, random.nextInt(50) - 25);
      }
      ts.set(i, 1_700_000_000_000_000L + random.nextLong(86_400_000_000L));
      if (row % 13 == 0) {
        s.setNull(i);
      } else {
        s.setSafe(i, (row % 10 == 0 ? "hot" : "value-" + random.nextInt(400_000)).getBytes(StandardCharsets.UTF_8));
      }
      if (row % 17 == 0) {
        few.setNull(i);
      } else {
        few.setSafe(i, ("café-" + random.nextInt(30)).getBytes(StandardCharsets.UTF_8));
      }
      if (row % 19 == 0) {
        b.setNull(i);
      } else {
        b.set(i, random.nextInt(3) == 0 ? 1 : 0);
      }
      empty.setNull(i);
    }
    vectors.forEach(v -> v.setValueCount(n));
    return vectors;
  }
}
