package dev.parity.registry.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;

/** A data-validation result: what was checked ({@code target}), whether it passed, the report. */
public record ValidationResult(String project, String target, boolean passed, JsonNode report) {
  public ValidationResult {
    RecordChecks.check(project, "project");
    RecordChecks.check(target, "validation target");
    report = RecordChecks.copyJson(report, "validation report");
  }
}
