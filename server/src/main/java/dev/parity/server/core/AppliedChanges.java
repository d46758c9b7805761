package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.ApplySummary;

/** What an apply did: the plan it carried out and the registry's account of it. */
public record AppliedChanges(PlannedApply planned, ApplySummary summary) {
  public AppliedChanges {
    requireNonNull(planned, "planned is null");
    requireNonNull(summary, "summary is null");
  }

  /**
   * The plan that was applied followed by {@code Applied revision N of project 'P': ...}, or
   * {@code No changes. Project 'P' stays at revision N.}; ends with a newline.
   */
  public String render() {
    if (!summary.changedAnything()) {
      return "No changes. Project '" + planned.project() + "' stays at revision " + summary.revision() + ".\n";
    }
    return planned.render() + "\nApplied revision " + summary.revision() + " of project '" + planned.project() + "': "
        + summary.added() + " added, " + summary.changed() + " changed, " + summary.removed() + " removed, "
        + summary.unchanged() + " unchanged.\n";
  }
}
