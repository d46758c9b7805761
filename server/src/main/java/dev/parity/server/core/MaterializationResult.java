package dev.parity.server.core;

import java.util.List;
import java.util.stream.Collectors;

/** What a materialization did, per feature view in the order they ran. */
public record MaterializationResult(List<ViewMaterialization> views) {
  public MaterializationResult {
    views = List.copyOf(views);
  }

  /** Online rows created or replaced over all views. */
  public long written() {
    return views.stream().mapToLong(ViewMaterialization::written).sum();
  }

  /** One line per view, then a total; ends with a newline. */
  public String render() {
    return views.stream().map(v -> v.render() + "\n").collect(Collectors.joining())
        + "Materialized " + views.size() + (views.size() == 1 ? " view" : " views") + ": " + written()
        + " online rows written.\n";
  }
}
