package dev.parity.definitions.expr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Published MurmurHash3_x86_32 vectors: the seed/byte vectors collected at
 * stackoverflow.com/questions/14747343 (also used by Boost.Hash2's tests), and string vectors
 * found in several independent implementations' tests (Go spaolacci/murmur3, Python mmh3 users).
 */
class Murmur3Test {
  private static int hash(byte[] b, int seed) {
    return Murmur3.hash32(b, 0, b.length, seed);
  }

  private static int hash(String s) {
    return hash(s.getBytes(UTF_8), 0);
  }

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void matchesReferenceVectorsForSeedsAndTailLengths() {
    assertThat(hash(new byte[0], 0)).isEqualTo(0);
    assertThat(hash(new byte[0], 1)).isEqualTo(0x514E28B7);
    assertThat(hash(new byte[0], 0xFFFFFFFF)).isEqualTo(0x81F16F39);
    assertThat(hash(bytes(0xff, 0xff, 0xff, 0xff), 0)).isEqualTo(0x76293B50);
    assertThat(hash(bytes(0x21, 0x43, 0x65, 0x87), 0)).isEqualTo(0xF55B516B);
    assertThat(hash(bytes(0x21, 0x43, 0x65, 0x87), 0x5082EDEE)).isEqualTo(0x2362F9DE);
    assertThat(hash(bytes(0x21, 0x43, 0x65), 0)).isEqualTo(0x7E4A8634);
  }

  @Test
  void matchesReferenceVectorsForUtf8Strings() {
    assertThat(hash("hello")).isEqualTo(0x248bfa47);
    assertThat(hash("hello, world")).isEqualTo(0x149bbb7f);
    assertThat(hash("Hello, world!")).isEqualTo(0xc0363e43);
    assertThat(hash("abc")).isEqualTo(0xb3dd93fa);
    assertThat(hash("test")).isEqualTo(0xba6bd213);
    assertThat(hash("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
  }

  @Test
  void hashesOnlyTheGivenRange() {
    byte[] padded = "xxhelloyy".getBytes(UTF_8);
    assertThat(Murmur3.hash32(padded, 2, 5, 0)).isEqualTo(0x248bfa47);
  }
}
