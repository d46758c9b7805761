package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.server.core.AppliedChanges;

/** What an apply did: counts, the revision now current, and the CLI's account of it. */
public record ApplyJson(
    @JsonProperty("project") String project,
    @JsonProperty("revision") long revision,
    @JsonProperty("added") int added,
    @JsonProperty("changed") int changed,
    @JsonProperty("removed") int removed,
    @JsonProperty("unchanged") int unchanged,
    @JsonProperty("text") String text) {

  public static ApplyJson of(AppliedChanges applied) {
    var summary = applied.summary();
    return new ApplyJson(applied.planned().project(), summary.revision(), summary.added(), summary.changed(),
        summary.removed(), summary.unchanged(), applied.render());
  }
}
