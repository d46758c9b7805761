package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one promotion gate for one candidate model version.
 *
 * @param gate the gate as written
 * @param passed whether the candidate passed it
 * @param detail the values compared, or why the gate could not be checked
 */
public record GateResult(String gate, boolean passed, String detail) {
  public GateResult {
    requireNonNull(gate, "gate is null");
    requireNonNull(detail, "detail is null");
  }
}
