package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.server.core.MaterializationResult;
import dev.parity.server.core.ViewMaterialization;
import java.util.List;

/** What a materialization did, per view, with the CLI's account of it. */
public record MaterializationJson(
    @JsonProperty("views") List<View> views,
    @JsonProperty("written") long written,
    @JsonProperty("text") String text) {

  /**
   * One view: its run (null if it was already up to date), interval and counts; the source rows
   * skipped for a time beyond {@code future_limit} (null if nothing ran) or a null join key.
   */
  public record View(
      @JsonProperty("view") String view,
      @JsonProperty("version") String version,
      @JsonProperty("run_id") Long runId,
      @JsonProperty("start") String start,
      @JsonProperty("end") String end,
      @JsonProperty("rows_read") long rowsRead,
      @JsonProperty("entities") long entities,
      @JsonProperty("written") long written,
      @JsonProperty("unchanged") long unchanged,
      @JsonProperty("future_limit") String futureLimit,
      @JsonProperty("skipped_future_rows") long skippedFutureRows,
      @JsonProperty("skipped_null_key_rows") long skippedNullKeyRows) {}

  public static MaterializationJson of(MaterializationResult result) {
    return new MaterializationJson(result.views().stream().map(MaterializationJson::view).toList(), result.written(),
        result.render());
  }

  private static View view(ViewMaterialization v) {
    return new View(v.view(), v.version(), v.runId().orElse(null), v.start().map(Object::toString).orElse(null),
        v.end().toString(), v.rowsRead(), v.entities(), v.written(), v.unchanged(),
        v.futureLimit().map(l -> l.latest().toString()).orElse(null), v.skipped().beyondFutureLimit(),
        v.skipped().nullKeys());
  }
}
