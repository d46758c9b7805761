package dev.parity.offline.spark;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;

/**
 * A materialization on Spark failed while the executors wrote to the online store. The cause is
 * the executors' own error when Spark returned it (an {@code OnlineStoreUnavailableException}
 * when Redis was unreachable, an {@code OnlineRequestException} for a value the view cannot
 * store), otherwise Spark's. {@link #partial()} says what was done before the failure, over every
 * task attempt: the rows it counts as written are online. Rerunning is safe (newer-wins).
 */
public class SparkMaterializationException extends ParityException {
  private static final long serialVersionUID = 1L;

  private final transient SparkViewMaterialization partial;

  public SparkMaterializationException(String message, SparkViewMaterialization partial, Throwable cause) {
    super(message, cause);
    this.partial = requireNonNull(partial, "partial is null");
  }

  /** The counts before the failure: entities delivered to the writers, rows written and unchanged. */
  public SparkViewMaterialization partial() {
    return partial;
  }
}
