package dev.parity.server.push;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a push did.
 *
 * @param source the source pushed to
 * @param rows rows pushed
 * @param to where they went
 * @param views per online feature view updated: the entities the batch gave values and how many
 *     of them replaced the stored row (the others were not newer); empty when not pushed online
 * @param notUpdated feature views of the source that push does not update, with the reason
 * @param offlineFile the Parquet file appended to the source, when pushed offline
 */
public record PushResult(String source, long rows, PushTarget to, List<ViewPush> views, List<NotUpdated> notUpdated,
    Optional<Path> offlineFile) {

  public PushResult {
    requireNonNull(source, "source is null");
    requireNonNull(to, "to is null");
    views = List.copyOf(views);
    notUpdated = List.copyOf(notUpdated);
    requireNonNull(offlineFile, "offlineFile is null");
  }

  /**
   * One online feature view a push updated.
   *
   * @param view the view
   * @param version its registered definition version, which the values are written under
   * @param entities entities of the batch with a value for the view (the latest row of each)
   * @param written of those, rows that replaced (or created) the stored one
   * @param unchanged of those, rows kept out because the stored row is at least as new
   */
  public record ViewPush(String view, String version, long entities, long written, long unchanged) {
    public ViewPush {
      requireNonNull(view, "view is null");
      requireNonNull(version, "version is null");
    }
  }

  /** A feature view of the source that the push left as it was, and why. */
  public record NotUpdated(String view, String reason) {
    public NotUpdated {
      requireNonNull(view, "view is null");
      requireNonNull(reason, "reason is null");
    }
  }

  /** Online rows created or replaced over all views. */
  public long written() {
    return views.stream().mapToLong(ViewPush::written).sum();
  }

  /** One line, without a newline. */
  public String render() {
    List<String> parts = new ArrayList<>();
    for (ViewPush view : views) {
      parts.add(view.view() + " " + view.written() + " written" + (view.unchanged() > 0 ? ", " + view.unchanged()
          + " not newer" : ""));
    }
    notUpdated.forEach(n -> parts.add(n.view() + " not updated (" + n.reason() + ")"));
    offlineFile.ifPresent(f -> parts.add("appended " + f));
    return "Pushed " + rows + (rows == 1 ? " row" : " rows") + " to source " + source + " (" + to.id() + ")"
        + (parts.isEmpty() ? "" : ": " + String.join("; ", parts)) + ".";
  }
}
