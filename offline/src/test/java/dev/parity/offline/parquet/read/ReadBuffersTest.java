package dev.parity.offline.parquet.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReadBuffersTest {
  @Test
  void sizesRoundUpToAQuarterPowerOfTwoAtMost() {
    for (int size : new int[] {5, 7, 9, 100, 65_537, 999_999, 1 << 20, (1 << 20) + 1, 123_456_789}) {
      int rounded = ReadBuffers.roundUp(size);
      assertTrue(rounded >= size && rounded <= size + size / 4 + 1, size + " -> " + rounded);
      assertEquals(rounded, ReadBuffers.roundUp(rounded), "a class size is its own class");
    }
    assertEquals(1 << 20, ReadBuffers.roundUp(999_999));
    assertEquals(5 << 17, ReadBuffers.roundUp(600_000));
  }

  @Test
  void aReleasedBufferServesTheNextRequestOfItsClass() {
    ReadBuffers pool = new ReadBuffers(16 << 20);
    ByteBuffer first = pool.allocate(1_000_000);
    assertEquals(1_000_000, first.remaining());
    first.position(500).limit(600);
    pool.release(first);
    assertEquals(first.capacity(), pool.kept());
    ByteBuffer second = pool.allocate(990_000);
    assertSame(first, second, "same class: reused");
    assertEquals(0, second.position());
    assertEquals(990_000, second.limit());
    assertEquals(0, pool.kept());
    assertNotSame(second, pool.allocate(990_000), "nothing left to reuse");
  }

  @Test
  void smallForeignAndSurplusBuffersAreDropped() {
    ReadBuffers pool = new ReadBuffers(2 << 20);
    ByteBuffer small = pool.allocate(1000);
    assertEquals(1000, small.capacity(), "small requests get exact fresh buffers");
    pool.release(small);
    pool.release(ByteBuffer.allocate(1_000_003)); // not a class size: not one of the pool's
    pool.release(ByteBuffer.allocateDirect(1 << 20));
    assertEquals(0, pool.kept());
    ByteBuffer[] three = {pool.allocate(1 << 20), pool.allocate(1 << 20), pool.allocate(1 << 20)};
    pool.release(three[0]);
    pool.release(three[1]);
    assertEquals(2 << 20, pool.kept(), "two buffers kept");
    pool.release(three[2]);
    assertEquals(2 << 20, pool.kept(), "the third is over the limit: dropped");
  }
}
