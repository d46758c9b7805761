package dev.parity.offline.validation;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.OfflineException;

/**
 * Source data failed its validation rules, so the run that needed it (materialization, a training
 * set) must not write anything. The message is the rendered report.
 */
public final class DataValidationException extends OfflineException {
  private final transient ValidationReport report;

  public DataValidationException(ValidationReport report) {
    super(requireNonNull(report, "report is null").render(), null);
    this.report = report;
  }

  /** The failed report. */
  public ValidationReport report() {
    return report;
  }
}
