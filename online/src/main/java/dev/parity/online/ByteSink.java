package dev.parity.online;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reusable growable byte buffer for encoding keys and values; not thread-safe. */
final class ByteSink {
  private byte[] bytes = new byte[256];
  private int position;

  void reset() {
    position = 0;
  }

  int position() {
    return position;
  }

  void put(byte b) {
    ensure(1);
    bytes[position++] = b;
  }

  void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, position, b.length);
    position += b.length;
  }

  void putLong(long value) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      bytes[position + i] = (byte) value;
      value >>>= 8;
    }
    position += 8;
  }

  /** Unsigned varint byte length, then the UTF-8 bytes. */
  void putString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int length = utf8.length;
    while ((length & ~0x7f) != 0) {
      put((byte) ((length & 0x7f) | 0x80));
      length >>>= 7;
    }
    put((byte) length);
    put(utf8);
  }

  /** Reserves {@code count} zero bytes. */
  void skip(int count) {
    ensure(count);
    Arrays.fill(bytes, position, position + count, (byte) 0);
    position += count;
  }

  void setBit(int byteOffset, int bit) {
    bytes[byteOffset + (bit >>> 3)] |= (byte) (1 << (bit & 7));
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, position);
  }

  private void ensure(int extra) {
    if (position + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + extra));
    }
  }
}
