package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.server.push.PushResult;
import java.nio.file.Path;
import java.util.List;

/**
 * What a push did: rows pushed, per online view the entities written, the views not updated and
 * why, the offline file appended (repository-relative when inside it) and the CLI's one-line
 * account.
 */
public record PushResultJson(
    @JsonProperty("source") String source,
    @JsonProperty("rows") long rows,
    @JsonProperty("to") String to,
    @JsonProperty("views") List<View> views,
    @JsonProperty("not_updated") List<NotUpdated> notUpdated,
    @JsonProperty("offline_file") String offlineFile,
    @JsonProperty("text") String text) {

  /** One online view updated. */
  public record View(
      @JsonProperty("view") String view,
      @JsonProperty("version") String version,
      @JsonProperty("entities") long entities,
      @JsonProperty("written") long written,
      @JsonProperty("unchanged") long unchanged) {}

  /** A view of the source push does not update. */
  public record NotUpdated(@JsonProperty("view") String view, @JsonProperty("reason") String reason) {}

  /** {@code result} as JSON; {@code root} is the repository, which offline paths are shown relative to. */
  public static PushResultJson of(PushResult result, Path root) {
    return new PushResultJson(result.source(), result.rows(), result.to().id(),
        result.views().stream().map(v -> new View(v.view(), v.version(), v.entities(), v.written(), v.unchanged()))
            .toList(),
        result.notUpdated().stream().map(n -> new NotUpdated(n.view(), n.reason())).toList(),
        result.offlineFile().map(f -> f.startsWith(root) ? root.relativize(f).toString() : f.toString()).orElse(null),
        result.render());
  }
}
