package dev.parity.bench;

import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.OnlineView;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.WriteResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The online store's part of materialization: {@link OnlineStore#write} of 100k entities x 10
 * features (six float64, four int64) in its pipelined batches of newer-wins Lua calls. Every
 * iteration writes rows one second newer than the last, so each row really replaces the stored
 * one (as a daily materialization does) rather than hitting the no-op path of equal rows; the
 * iteration fails unless all 100k rows were written. Rows are built before the timed call (reading
 * Parquet and building rows is the materializer's part, not measured here).
 *
 * <p>Single shot per iteration, in milliseconds per 100k rows; {@code bench/online.sh} converts to
 * entities/s and compares with {@code redis-benchmark} HSET on the same server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MaterializeWriteBenchmark {
  static final int ROWS = 100_000;
  private static final long FIRST_ID = 1_000_000;

  /** Rows per pipelined round trip ({@code OnlineStoreSettings.writeBatchSize}; the default is 500). */
  @Param({"500", "2000"})
  public int batch;

  private OnlineStore store;
  private OnlineView view;
  private long eventTime;
  private List<OnlineRow> rows;
  private WriteResult result;

  @Setup(Level.Trial)
  public void setUp() {
    view = OnlineBenchData.view(OnlineBenchData.repository());
    store = RedisOnlineStoreFactory.create(RedisConnectionConfig.standalone(OnlineBenchData.REDIS_URL),
        OnlineStoreSettings.defaults("benchw").withWriteBatchSize(batch));
    eventTime = OnlineBenchData.nowMicros();
  }

  @Setup(Level.Iteration)
  public void newerRows() {
    eventTime += 1_000_000;
    rows = OnlineBenchData.rows(FIRST_ID, ROWS, eventTime);
    result = null;
  }

  @TearDown(Level.Iteration)
  public void checkAllWritten() {
    if (result == null || result.written() != ROWS) {
      throw new IllegalStateException("expected " + ROWS + " rows written, got " + result);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public WriteResult write() {
    result = store.write(view, rows);
    return result;
  }
}
