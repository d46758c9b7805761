package dev.parity.offline.engine;

import dev.parity.offline.parquet.read.BinaryBatch;
import dev.parity.offline.parquet.read.PageBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Arrays a scan decodes into, reused from batch to batch and, when one thread passes the same
 * instance to all its scans, from file to file: at the default batch size a 64-bit column's
 * values are half a megabyte and a decompressed page about a megabyte, which, allocated per
 * column and batch or page, were most of a run's garbage and (being "humongous" for G1 with a
 * 1 GiB heap) the cause of its concurrent marking cycles. Not thread-safe: one per thread.
 */
final class ScanBuffers {
  private long[] values = new long[0];
  private byte[] validity = new byte[0];
  private final List<PageBuffer> pages = new ArrayList<>();
  private final BinaryBatch binaries = new BinaryBatch();

  /** At least {@code n} values, holding whatever the last use left in them. */
  long[] values(int n) {
    if (values.length < n) {
      values = new long[n];
    }
    return values;
  }

  /** At least {@code n} validity bits, the first {@code n} cleared. */
  byte[] validity(int n) {
    int bytes = (n + 7) / 8;
    if (validity.length < bytes) {
      validity = new byte[bytes];
    } else {
      Arrays.fill(validity, 0, bytes, (byte) 0);
    }
    return validity;
  }

  /** A string column's values for one batch (one column at a time). */
  BinaryBatch binaries() {
    return binaries;
  }

  /** The buffer the pages of the scan's {@code column}-th column are decompressed into. */
  PageBuffer page(int column) {
    while (pages.size() <= column) {
      pages.add(new PageBuffer());
    }
    return pages.get(column);
  }
}
