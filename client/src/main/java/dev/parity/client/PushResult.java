package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a push did.
 *
 * @param source the source pushed to
 * @param rows rows pushed
 * @param to where they were written ({@code online}, {@code offline}, {@code online_and_offline})
 * @param views the online views updated
 * @param notUpdated the source's views the push did not update, and why
 * @param offlineFile the Parquet file appended (repository-relative when inside it)
 * @param text the server's one-line account, as the CLI prints it
 */
public record PushResult(String source, long rows, String to, List<View> views, List<NotUpdated> notUpdated,
    Optional<String> offlineFile, String text) {

  /** An online view updated: entities written, and those whose stored row was as new or newer. */
  public record View(String view, String version, long entities, long written, long unchanged) {}

  /** A view of the source the push does not update (aggregations: materialize them). */
  public record NotUpdated(String view, String reason) {}

  public PushResult {
    requireNonNull(source, "source is null");
    views = List.copyOf(views);
    notUpdated = List.copyOf(notUpdated);
    requireNonNull(offlineFile, "offlineFile is null");
  }
}
