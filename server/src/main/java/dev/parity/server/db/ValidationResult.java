package dev.parity.server.db;

import com.fasterxml.jackson.databind.JsonNode;

/** A data-validation result: what was checked ({@code target}), whether it passed, the report. */
public record ValidationResult(String project, String target, boolean passed, JsonNode report) {
  public ValidationResult {
    Names.check(project, "project");
    Names.check(target, "validation target");
    report = Json.copy(report, "validation report");
  }
}
