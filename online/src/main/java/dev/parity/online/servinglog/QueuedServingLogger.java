package dev.parity.online.servinglog;

import dev.parity.online.FeatureValue;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ServingLogger} over a bounded queue and one writer thread. Request threads only touch
 * the counters and the queue; everything else (building entries, the sink) runs on the writer.
 */
final class QueuedServingLogger implements ServingLogger {
  private static final Logger LOG = LoggerFactory.getLogger(QueuedServingLogger.class);
  /** Wakes the writer on close; never written. */
  private static final Served STOP = new Served(null, null, Map.of(), 0, "stop");

  /** A sampled request waiting for the writer. */
  private record Served(ServedSchema schema, OnlineFeaturesResponse response, Map<String, Object[]> requestData,
      long requestTimeMicros, String requestId) {}

  private final ServingLogSink sink;
  private final ServingLogSettings settings;
  private final ArrayBlockingQueue<Served> queue;
  private final String idPrefix;
  private final AtomicLong seen = new AtomicLong();
  private final LongAdder logged = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder sampledOut = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder rowsWritten = new LongAdder();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean closed;

  private QueuedServingLogger(ServingLogSink sink, ServingLogSettings settings) {
    this.sink = sink;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    // Request ids must not repeat across restarts and servers writing one log: a random prefix.
    this.idPrefix = String.format("%016x-", ThreadLocalRandom.current().nextLong());
  }

  static QueuedServingLogger start(ServingLogSink sink, ServingLogSettings settings) {
    QueuedServingLogger logger = new QueuedServingLogger(sink, settings);
    Thread writer = new Thread(logger::run, "parity-serving-log");
    writer.setDaemon(true);
    writer.start();
    return logger;
  }

  @Override
  public void log(ServedSchema schema, OnlineFeaturesResponse response, Map<String, Object[]> requestData,
      Instant requestTime) {
    long n = seen.incrementAndGet();
    if (!sampled(n, settings.sampleRate())) {
      sampledOut.increment();
      return;
    }
    if (schema == null || response == null || requestData == null || requestTime == null || closed) {
      // Nulls are a caller bug, but the log must never fail a request: count and move on.
      dropped.increment();
      return;
    }
    long micros = StrictMath.addExact(StrictMath.multiplyExact(requestTime.getEpochSecond(), 1_000_000L),
        requestTime.getNano() / 1_000);
    // Count before offering so the writer can never have written more than was logged.
    logged.increment();
    if (!queue.offer(new Served(schema, response, requestData, micros, idPrefix + Long.toString(n, 36)))) {
      logged.decrement();
      dropped.increment();
    }
  }

  /**
   * Request {@code n} (from 1) is sampled when {@code floor(n * rate)} steps up: exactly {@code
   * floor(n * rate)} of the first {@code n} requests are logged, evenly spread, with no randomness.
   */
  static boolean sampled(long n, double rate) {
    return rate >= 1 || (rate > 0 && StrictMath.floor(n * rate) > StrictMath.floor((n - 1) * rate));
  }

  @Override
  public ServingLogStats stats() {
    return new ServingLogStats(logged.sum(), dropped.sum(), sampledOut.sum(), written.sum(), failed.sum(),
        rowsWritten.sum());
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    // Wakes a writer waiting on an empty queue; a full queue keeps it busy anyway.
    queue.offer(STOP);
    try {
      if (!finished.await(settings.closeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("serving log writer did not finish within {}", settings.closeTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while closing the serving log");
    }
    // What the writer could not reach (timeout, or a request queued just as it stopped) is lost.
    List<Served> left = new ArrayList<>();
    queue.drainTo(left);
    left.removeIf(s -> s == STOP);
    if (!left.isEmpty()) {
      failed.add(left.size());
      LOG.warn("serving log closed with {} requests not written", left.size());
    }
  }

  private void run() {
    List<Served> batch = new ArrayList<>(settings.batchSize());
    long tickNanos = settings.tickInterval().toNanos();
    try {
      while (true) {
        Served first = queue.poll(tickNanos, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, settings.batchSize() - 1);
          batch.removeIf(s -> s == STOP);
          write(batch);
          batch.clear();
        }
        tick();
        if (closed && queue.isEmpty()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this thread but the JVM shutting down; stop and close the sink.
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("serving log writer stopped by an unexpected error; serving continues without a log", e);
      closed = true;
    } finally {
      try {
        sink.close();
      } catch (RuntimeException e) {
        LOG.error("serving log: closing the sink failed; what it had not published is lost", e);
      }
      finished.countDown();
    }
  }

  private void write(List<Served> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<ServingLogEntry> entries = new ArrayList<>();
    int requests = 0;
    for (Served served : batch) {
      try {
        entries.addAll(entries(served));
        requests++;
      } catch (RuntimeException e) {
        failed.increment();
        LOG.warn("serving log: request {} cannot be logged", served.requestId(), e);
      }
    }
    if (requests == 0) {
      return;
    }
    try {
      sink.write(entries);
      written.add(requests);
      rowsWritten.add(entries.size());
    } catch (RuntimeException e) {
      failed.add(requests);
      LOG.warn("serving log: the sink failed to write {} requests ({} rows); they are lost", requests, entries.size(), e);
    }
  }

  private void tick() {
    try {
      sink.tick();
    } catch (RuntimeException e) {
      LOG.warn("serving log: the sink failed to finish its output", e);
    }
  }

  /** One entry per entity row of a served request. */
  private static List<ServingLogEntry> entries(Served served) {
    ServedSchema schema = served.schema();
    List<FeatureVector> columns = served.response().results();
    if (columns.size() != schema.columnCount()) {
      throw new IllegalArgumentException("the response has " + columns.size() + " columns, the schema "
          + schema.columnCount() + " (" + schema.joinKeys().size() + " join keys, " + schema.features().size()
          + " features)");
    }
    int keys = schema.joinKeys().size();
    int rows = served.response().rowCount();
    List<ServingLogEntry> entries = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      List<Object> keyValues = new ArrayList<>(keys);
      for (int k = 0; k < keys; k++) {
        keyValues.add(columns.get(k).entry(r).value());
      }
      List<FeatureValue> values = new ArrayList<>(schema.features().size());
      for (int f = keys; f < columns.size(); f++) {
        values.add(columns.get(f).entry(r));
      }
      List<Object> data = new ArrayList<>(schema.requestFields().size());
      for (ServedRequestField field : schema.requestFields()) {
        Object[] column = served.requestData().get(field.name());
        data.add(column == null || r >= column.length ? null : column[r]);
      }
      entries.add(new ServingLogEntry(schema, served.requestId(), served.requestTimeMicros(), r, keyValues, values,
          data));
    }
    return entries;
  }
}
