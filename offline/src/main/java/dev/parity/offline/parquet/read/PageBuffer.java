package dev.parity.offline.parquet.read;

import java.util.function.Supplier;

/**
 * An array that the pages of one column are decompressed into, page after page, instead of a
 * new array per page. A page is about a megabyte: a fresh array each was a "humongous" object
 * for G1 (at least half a region with a 1 GiB heap), allocated outside the young generation and
 * starting a concurrent marking cycle, a hundred times per training set.
 *
 * <p>parquet-java decompresses a page inside {@code PageReader.readPage()}, through {@link
 * ParquetCodecs}; {@link #offerTo} makes this buffer the target of the one page decompressed by
 * that call on this thread. The owner must be done with a page's bytes (binary values included)
 * before it reads the next page into the same buffer. Dictionary pages are never offered one:
 * dictionaries keep references to their page. Not thread-safe; one per column being read.
 */
public final class PageBuffer {
  private static final ThreadLocal<PageBuffer> OFFERED = new ThreadLocal<>();
  private byte[] bytes = new byte[0];

  /** {@code read.get()}, with this buffer as the target of the page it decompresses on this thread. */
  public <T> T offerTo(Supplier<T> read) {
    OFFERED.set(this);
    try {
      return read.get();
    } finally {
      OFFERED.remove();
    }
  }

  /**
   * At least {@code size} bytes to decompress a page into: the offered buffer's array (taking
   * the offer, so that one call decompresses one page into it) or, without an offer, a new array.
   */
  static byte[] take(int size) {
    PageBuffer offered = OFFERED.get();
    if (offered == null) {
      return new byte[size];
    }
    OFFERED.remove();
    if (offered.bytes.length < size) {
      offered.bytes = new byte[size];
    }
    return offered.bytes;
  }
}
