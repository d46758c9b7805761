package dev.parity.server.feast;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * The {@code feast} section of the server configuration: how the server answers Feast's clients.
 *
 * <pre>
 * feast:
 *   errorFormat: parity       # or feast: errors of Feast's endpoints in Feast's shape (a request's
 *                             # Parity-Error-Format header overrides it)
 *   computedColumns: check    # or recompute: what /write-to-online-store does with columns Parity computes
 *   pushSources: { driver_stats_push: driver_stats }   # Feast push source name -> Parity source
 * </pre>
 */
public class FeastFactory {
  @NotNull
  @JsonProperty
  private ErrorFormat errorFormat = ErrorFormat.PARITY;

  @NotNull
  @JsonProperty
  private ComputedColumns computedColumns = ComputedColumns.CHECK;

  @NotNull
  @JsonProperty
  private Map<@NotNull String, @NotNull String> pushSources = Map.of();

  public ErrorFormat getErrorFormat() {
    return errorFormat;
  }

  public void setErrorFormat(ErrorFormat errorFormat) {
    this.errorFormat = errorFormat;
  }

  public ComputedColumns getComputedColumns() {
    return computedColumns;
  }

  public void setComputedColumns(ComputedColumns computedColumns) {
    this.computedColumns = computedColumns;
  }

  public Map<String, String> getPushSources() {
    return pushSources;
  }

  public void setPushSources(Map<String, String> pushSources) {
    this.pushSources = Map.copyOf(pushSources);
  }

  /** The Parity source Feast's push source {@code name} stands for: the mapped one, or a source of that name. */
  String source(String name) {
    return pushSources.getOrDefault(name, name);
  }
}
