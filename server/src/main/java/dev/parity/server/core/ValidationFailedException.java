package dev.parity.server.core;

import dev.parity.ParityException;
import dev.parity.offline.validation.ValidationReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The source data of one or more feature views failed validation, so the run wrote nothing. The
 * message is a one-line summary; {@link #renderReports()} is what to show people.
 */
public final class ValidationFailedException extends ParityException {
  private final transient List<ValidationReport> reports;

  public ValidationFailedException(List<ValidationReport> reports) {
    super("data validation failed for feature view" + (reports.size() == 1 ? " " : "s ")
        + reports.stream().map(ValidationReport::view).collect(Collectors.joining(", "))
        + "; nothing was written");
    this.reports = List.copyOf(reports);
  }

  /** The failed reports. */
  public List<ValidationReport> reports() {
    return reports;
  }

  /** Every failed report as {@link ValidationReport#render()} renders it, one after the other. */
  public String renderReports() {
    return reports.stream().map(ValidationReport::render).collect(Collectors.joining());
  }
}
