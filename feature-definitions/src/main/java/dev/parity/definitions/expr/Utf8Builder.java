package dev.parity.definitions.expr;

import java.util.Arrays;

/** A growable UTF-8 byte buffer that string kernels append their result to. */
final class Utf8Builder {
  byte[] buf;
  int length;

  Utf8Builder(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  void ensure(int extra) {
    long need = (long) length + extra;
    if (need > buf.length) {
      if (need > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("string result larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 16L, buf.length * 2L)));
    }
  }

  void append(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, buf, length, len);
    length += len;
  }

  void append(byte b) {
    ensure(1);
    buf[length++] = b;
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, length);
  }
}
