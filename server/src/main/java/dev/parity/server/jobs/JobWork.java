package dev.parity.server.jobs;

import dev.parity.offline.Progress;

/** What a job runs: the work of a synchronous endpoint, reporting to {@code progress}. */
@FunctionalInterface
public interface JobWork {
  /**
   * Does the work on a job thread.
   *
   * @return the result to show in the job's status, serializable to JSON
   * @throws RuntimeException the job fails with it (see {@link JobError})
   */
  Object run(Progress progress);
}
