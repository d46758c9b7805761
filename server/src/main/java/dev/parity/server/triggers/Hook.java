package dev.parity.server.triggers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hands a run's payload (docs/triggers-payload.schema.json) to the user's pipeline. */
interface Hook {
  /**
   * Delivers the payload; never throws for a failure of the pipeline's side (recorded in the
   * result instead).
   *
   * @param idempotencyKey the same for every delivery of one run, so the receiver can tell a retry
   * @throws InterruptedException if the thread was interrupted (the server is stopping)
   */
  HookResult deliver(ObjectNode payload, String idempotencyKey) throws InterruptedException;
}
