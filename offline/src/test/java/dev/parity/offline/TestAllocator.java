package dev.parity.offline;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's Arrow allocator: created with the test instance, closed after the test (after its
 * {@code @AfterEach} methods), which fails the test if a buffer leaked. Register it as a field:
 * {@code @RegisterExtension final TestAllocator allocator = new TestAllocator();}
 */
public final class TestAllocator extends RootAllocator implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }
}
