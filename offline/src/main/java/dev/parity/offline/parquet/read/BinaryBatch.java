package dev.parity.offline.parquet.read;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A batch of variable-width values (strings) as Arrow lays them out: the bytes of every value
 * back to back, {@code count + 1} offsets and validity bits, filled by {@link
 * PageDecoder#readBinaries} and copied into a vector in three bulk copies. Reused from batch to
 * batch. Not thread-safe.
 */
public final class BinaryBatch {
  private byte[] data = new byte[1 << 16];
  private int length;
  private int[] offsets = new int[1];
  private byte[] valid = new byte[0];
  private int count;

  /** Empties the batch for up to {@code n} values. */
  public void reset(int n) {
    if (offsets.length < n + 1) {
      offsets = new int[n + 1];
    }
    int bytes = (n + 7) / 8;
    if (valid.length < bytes) {
      valid = new byte[bytes];
    } else {
      Arrays.fill(valid, 0, bytes, (byte) 0);
    }
    length = 0;
    count = 0;
  }

  /** The values' bytes, {@link #length()} of them. */
  public byte[] data() {
    return data;
  }

  public int length() {
    return length;
  }

  /** {@link #count()} + 1 offsets into {@link #data()}. */
  public int[] offsets() {
    return offsets;
  }

  /** Validity bits of the values (Arrow layout). */
  public byte[] validity() {
    return valid;
  }

  public int count() {
    return count;
  }

  void appendNull() {
    count++;
    offsets[count] = length;
  }

  void append(byte[] bytes, int from, int n) {
    reserve(n);
    System.arraycopy(bytes, from, data, length, n);
    appended(n);
  }

  /** Appends the next {@code n} bytes of {@code bytes}, advancing its position. */
  void append(ByteBuffer bytes, int n) {
    reserve(n);
    bytes.get(data, length, n);
    appended(n);
  }

  private void appended(int n) {
    length += n;
    valid[count >>> 3] |= (byte) (1 << (count & 7));
    count++;
    offsets[count] = length;
  }

  private void reserve(int n) {
    if (data.length - length < n) {
      long wanted = Math.max((long) data.length * 2, (long) length + n);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("string values over 2 GiB in one batch");
      }
      data = Arrays.copyOf(data, (int) wanted);
    }
  }
}
