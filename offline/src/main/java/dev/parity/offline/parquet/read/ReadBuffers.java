package dev.parity.offline.parquet.read;

import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * The heap buffers parquet-java's readers read column chunks into, kept when a row group is
 * closed and handed to the next read of a similar size. A chunk is megabytes: allocated anew for
 * every row group, each one was a "humongous" object for G1 (at least half a region: 512 KiB
 * with a 1 GiB heap), allocated outside the young generation and starting a concurrent marking
 * cycle; a training set read hundreds of them. Only buffers released by a closed row group
 * ({@code PageReadStore.close()}) come back; one never released is garbage as before.
 *
 * <p>Sizes are rounded up to a quarter-power-of-two class (at most 25 % more than asked for);
 * at most {@code maxKept} bytes wait in the pool, the rest is dropped. Thread-safe.
 */
final class ReadBuffers implements ByteBufferAllocator {
  /** Below this, a fresh array is cheap (young generation) and not worth keeping. */
  static final int MIN_POOLED = 64 * 1024;
  private final long maxKept;
  private final AtomicLong kept = new AtomicLong();
  private final Map<Integer, Deque<ByteBuffer>> free = new ConcurrentHashMap<>();

  ReadBuffers(long maxKept) {
    this.maxKept = maxKept;
  }

  @Override
  public ByteBuffer allocate(int size) {
    if (size < MIN_POOLED) {
      return ByteBuffer.allocate(size);
    }
    int capacity = roundUp(size);
    Deque<ByteBuffer> waiting = free.get(capacity);
    ByteBuffer buffer = waiting == null ? null : waiting.pollFirst();
    if (buffer == null) {
      return ByteBuffer.allocate(capacity).limit(size);
    }
    kept.addAndGet(-capacity);
    buffer.clear().limit(size);
    return buffer;
  }

  @Override
  public void release(ByteBuffer buffer) {
    int capacity = buffer.capacity();
    if (buffer.isDirect() || buffer.isReadOnly() || capacity < MIN_POOLED || roundUp(capacity) != capacity) {
      return; // not one of this pool's
    }
    if (kept.addAndGet(capacity) > maxKept) {
      kept.addAndGet(-capacity);
      return;
    }
    free.computeIfAbsent(capacity, c -> new ConcurrentLinkedDeque<>()).offerFirst(buffer);
  }

  @Override
  public boolean isDirect() {
    return false;
  }

  /** Bytes waiting in the pool. */
  long kept() {
    return kept.get();
  }

  /**
   * The smallest size {@code >= size} of the form {@code m * 2^e} with {@code m} in 4..7: a
   * quarter-power-of-two step, so a buffer is at most 25 % larger than asked for.
   */
  static int roundUp(int size) {
    if (size <= 4) {
      return Math.max(size, 1);
    }
    int shift = 29 - Integer.numberOfLeadingZeros(size - 1); // keeps the top three bits
    long rounded = ((((long) size - 1) >>> shift) + 1) << shift;
    return (int) Math.min(rounded, Integer.MAX_VALUE - 8);
  }
}
