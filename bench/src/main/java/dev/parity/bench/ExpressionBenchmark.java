package dev.parity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.definitions.expr.Expressions;
import dev.parity.definitions.expr.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The expression evaluators on a representative 10-feature view (see {@link #FEATURES}): the row
 * path (online serving, one row through all ten features) and the vectorized path (offline, a
 * 64k-row Arrow batch through all ten features). Inputs have ~10% nulls.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class ExpressionBenchmark {
  static final List<String> FEATURES =
      List.of(
          "log1p(trips)",
          "fare * 1.1 + tip",
          "if(conv_rate > 0.5, trips * 2, 0)",
          "coalesce(conv_rate, 0.0) * 100",
          "clip(rating, 1, 5)",
          "bucketize(fare, [5, 10, 20, 50, 100])",
          "hash_bucket(city, 1000)",
          "concat(lower(city), '_', cast(trips as string))",
          "hour_of_day(event_ts)",
          "cast(fare as int64) % 7");

  private static final Map<String, DataType> COLUMNS =
      Map.of(
          "trips", DataType.INT64,
          "fare", DataType.FLOAT64,
          "tip", DataType.FLOAT64,
          "conv_rate", DataType.FLOAT64,
          "rating", DataType.FLOAT64,
          "city", DataType.STRING,
          "event_ts", DataType.TIMESTAMP);

  private static final String[] CITIES = {"Paris", "São Paulo", "Zürich", "NEW YORK", "Tokyo 東京", "Lagos", "Berlin"};
  static final int BATCH = 65_536;
  static final int ROWS = 1024;

  private BufferAllocator allocator;
  private List<CompiledExpression> compiled;
  private Map<String, FieldVector> vectors;
  private List<List<FieldVector>> inputsPerFeature;
  private Object[][][] rowsPerFeature; // [feature][row][input]

  @Setup(Level.Trial)
  public void setUp() {
    Scope scope = Scope.of(COLUMNS);
    compiled = new ArrayList<>();
    for (String f : FEATURES) {
      compiled.add(Expressions.compile(f, scope));
    }
    allocator = new RootAllocator();
    Random random = new Random(42);
    Object[][] table = new Object[BATCH][];
    List<String> names = List.copyOf(COLUMNS.keySet());
    for (int r = 0; r < BATCH; r++) {
      table[r] = new Object[names.size()];
      for (int c = 0; c < names.size(); c++) {
        table[r][c] = random.nextInt(10) == 0 ? null : value(COLUMNS.get(names.get(c)), random);
      }
    }
    vectors = new HashMap<>();
    for (int c = 0; c < names.size(); c++) {
      vectors.put(names.get(c), vector(COLUMNS.get(names.get(c)), names.get(c), table, c));
    }
    inputsPerFeature = new ArrayList<>();
    rowsPerFeature = new Object[compiled.size()][][];
    for (int f = 0; f < compiled.size(); f++) {
      CompiledExpression e = compiled.get(f);
      List<FieldVector> in = new ArrayList<>();
      for (String name : e.inputs()) {
        in.add(vectors.get(name));
      }
      inputsPerFeature.add(in);
      rowsPerFeature[f] = new Object[ROWS][e.inputs().size()];
      for (int r = 0; r < ROWS; r++) {
        for (int k = 0; k < e.inputs().size(); k++) {
          rowsPerFeature[f][r][k] = table[r][names.indexOf(e.inputs().get(k))];
        }
      }
    }
  }

  private static Object value(DataType type, Random random) {
    switch (type) {
      case INT64:
        return (long) random.nextInt(200);
      case FLOAT64:
        return random.nextDouble() * 120;
      case STRING:
        return CITIES[random.nextInt(CITIES.length)];
      default:
        return 1_769_817_600_000_000L + (long) (random.nextDouble() * 30 * 86_400_000_000L);
    }
  }

  private FieldVector vector(DataType type, String name, Object[][] table, int c) {
    switch (type) {
      case INT64:
        {
          BigIntVector v = new BigIntVector(name, allocator);
          v.allocateNew(BATCH);
          for (int r = 0; r < BATCH; r++) {
            if (table[r][c] == null) {
              v.setNull(r);
            } else {
              v.set(r, (Long) table[r][c]);
            }
          }
          v.setValueCount(BATCH);
          return v;
        }
      case FLOAT64:
        {
          Float8Vector v = new Float8Vector(name, allocator);
          v.allocateNew(BATCH);
          for (int r = 0; r < BATCH; r++) {
            if (table[r][c] == null) {
              v.setNull(r);
            } else {
              v.set(r, (Double) table[r][c]);
            }
          }
          v.setValueCount(BATCH);
          return v;
        }
      case STRING:
        {
          VarCharVector v = new VarCharVector(name, allocator);
          v.allocateNew(BATCH * 12L, BATCH);
          for (int r = 0; r < BATCH; r++) {
            if (table[r][c] == null) {
              v.setNull(r);
            } else {
              v.setSafe(r, ((String) table[r][c]).getBytes(UTF_8));
            }
          }
          v.setValueCount(BATCH);
          return v;
        }
      default:
        {
          TimeStampMicroTZVector v = new TimeStampMicroTZVector(name, allocator, "UTC");
          v.allocateNew(BATCH);
          for (int r = 0; r < BATCH; r++) {
            if (table[r][c] == null) {
              v.setNull(r);
            } else {
              v.set(r, (Long) table[r][c]);
            }
          }
          v.setValueCount(BATCH);
          return v;
        }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    vectors.values().forEach(FieldVector::close);
    allocator.close();
  }

  /** Online path: time per row for all ten features (ns/row). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(ROWS)
  public void rowWise(Blackhole bh) {
    for (int r = 0; r < ROWS; r++) {
      for (int f = 0; f < rowsPerFeature.length; f++) {
        bh.consume(compiled.get(f).evaluateRow(rowsPerFeature[f][r]));
      }
    }
  }

  /** Offline path: rows per second for all ten features over 64k-row Arrow batches. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public void vectorized(Blackhole bh) {
    for (int f = 0; f < compiled.size(); f++) {
      try (FieldVector out = compiled.get(f).evaluateVectors(inputsPerFeature.get(f), BATCH, allocator)) {
        bh.consume(out.getValueCount());
      }
    }
  }
}
