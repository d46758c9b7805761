package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a hook did: whether the pipeline accepted the run, and the record kept with the run
 * (webhook attempts with their status codes and errors; a command's exit code and output).
 *
 * @param error why the hook failed; present exactly when it did
 */
public record HookResult(boolean succeeded, ObjectNode record, Optional<String> error) {
  public HookResult {
    requireNonNull(record, "record is null");
    requireNonNull(error, "error is null");
    if (succeeded == error.isPresent()) {
      throw new IllegalArgumentException("a failed hook needs an error, a succeeded one has none");
    }
  }
}
