package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.definitions.plan.FieldChange;
import dev.parity.definitions.plan.ObjectChange;
import dev.parity.server.core.PlannedApply;
import java.util.List;
import java.util.Locale;

/**
 * What {@code apply} would change: per object its action ({@code added}, {@code removed},
 * {@code changed}, {@code unchanged}), versions and changed fields; plus the plan as the CLI
 * prints it.
 */
public record PlanJson(
    @JsonProperty("project") String project,
    @JsonProperty("base_revision") long baseRevision,
    @JsonProperty("has_changes") boolean hasChanges,
    @JsonProperty("changes") List<Change> changes,
    @JsonProperty("text") String text) {

  /** One object's change; versions are null where the object is absent on that side. */
  public record Change(
      @JsonProperty("action") String action,
      @JsonProperty("kind") String kind,
      @JsonProperty("name") String name,
      @JsonProperty("old_version") String oldVersion,
      @JsonProperty("new_version") String newVersion,
      @JsonProperty("fields") List<Field> fields) {}

  /** A changed field: its path and JSON text before and after (null when absent). */
  public record Field(
      @JsonProperty("path") String path,
      @JsonProperty("old") String oldValue,
      @JsonProperty("new") String newValue) {}

  public static PlanJson of(PlannedApply planned) {
    List<Change> changes = planned.plan().changes().stream().map(PlanJson::change).toList();
    return new PlanJson(planned.project(), planned.baseRevision(), planned.plan().hasChanges(), changes,
        planned.render());
  }

  private static Change change(ObjectChange change) {
    List<Field> fields = change.fields().stream().map(PlanJson::field).toList();
    return new Change(change.action().name().toLowerCase(Locale.ROOT), change.key().kind().label(),
        change.key().name(), change.oldVersion().orElse(null), change.newVersion().orElse(null), fields);
  }

  private static Field field(FieldChange field) {
    return new Field(field.path(), field.oldValue().orElse(null), field.newValue().orElse(null));
  }
}
