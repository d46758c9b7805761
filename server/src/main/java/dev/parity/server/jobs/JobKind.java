package dev.parity.server.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a job does; {@link #id()} is its name on the wire ({@code POST /jobs/<id>}, {@code POST /reports/...} for reports). */
public enum JobKind {
  MATERIALIZE("materialize"),
  MATERIALIZE_INCREMENTAL("materialize-incremental"),
  TRAINING_SET("training-set"),
  CONSISTENCY_REPORT("consistency-report"),
  SKEW_REPORT("skew-report");

  private final String id;

  JobKind(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }
}
