package dev.parity.offline.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local[2] session ({@link Fixtures#session()}) for the tests of one class: started before the
 * first, stopped after the last. Register it as {@code @RegisterExtension static final LocalSpark
 * SPARK = new LocalSpark();} and call {@link #session()} in the tests.
 */
final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
  private SparkSession session;

  @Override
  public void beforeAll(ExtensionContext context) {
    session = Fixtures.session();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (session != null) {
      session.stop();
      session = null;
    }
  }

  /** The running session. */
  SparkSession session() {
    if (session == null) {
      throw new IllegalStateException("the session is started before the class's tests and stopped after them");
    }
    return session;
  }
}
