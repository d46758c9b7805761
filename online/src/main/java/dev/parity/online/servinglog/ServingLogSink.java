package dev.parity.online.servinglog;

import java.util.List;

/**
 * Where a {@link ServingLogger} writes its entries. A logger calls its sink from its one writer
 * thread only, so implementations need not be thread-safe.
 */
public interface ServingLogSink extends AutoCloseable {

  /**
   * Writes {@code entries} (one or more requests' entity rows, in the order they were logged).
   * They need not be durable before {@link #tick()} or {@link #close()} decides so.
   *
   * @throws RuntimeException the entries could not be written; the logger counts them as failed
   *     and carries on with the next batch
   */
  void write(List<ServingLogEntry> entries);

  /**
   * Called regularly by the writer thread, also when nothing is logged, so a sink can finish
   * what has waited long enough (e.g. commit a file by age).
   *
   * @throws RuntimeException finishing failed; the logger logs it and carries on
   */
  default void tick() {}

  /** Finishes and publishes everything written; the sink is not used afterwards. */
  @Override
  void close();
}
