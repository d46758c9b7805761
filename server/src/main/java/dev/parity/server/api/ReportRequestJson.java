package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.parity.definitions.FeatureRepository;
import dev.parity.server.core.AllowedPaths;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.errors.UnknownObjectException;
import dev.parity.server.reports.SkewSide;
import java.time.Instant;

/**
 * The body of {@code POST /reports/consistency} and {@code POST /reports/skew}, the CLI's
 * {@code consistency-report} and {@code skew-report} as JSON: {@code "service"}, and for
 * consistency either {@code "from"} and {@code "to"} (the serving log's requests in that range,
 * times as {@link RequestTimes} reads them) or {@code "sample"} (that many entities looked up
 * online now); for skew {@code "reference"} and {@code "current"}, each {@code "training-set:ID"},
 * {@code "log:FROM..TO"} (the service's serving log) or a path of Parquet files, relative to the
 * feature repository, inside the directories {@link AllowedPaths} allows ({@link SkewSide}).
 * Each accessor checks its field and names it in its error.
 */
public record ReportRequestJson(
    @JsonProperty("service") String service,
    @JsonProperty("from") JsonNode from,
    @JsonProperty("to") JsonNode to,
    @JsonProperty("sample") Integer sample,
    @JsonProperty("reference") @JsonDeserialize(using = PathStringDeserializer.class) String reference,
    @JsonProperty("current") @JsonDeserialize(using = PathStringDeserializer.class) String current) {

  /**
   * The feature service, which must exist in {@code repository}.
   *
   * @throws InvalidRequestException missing
   * @throws UnknownObjectException unknown (404, as for training sets)
   */
  public String service(FeatureRepository repository) {
    if (service == null || service.isBlank()) {
      throw new InvalidRequestException("\"service\" is missing: name the feature service to report on");
    }
    if (repository.featureService(service).isEmpty()) {
      throw new UnknownObjectException("\"service\": unknown feature service '" + service + "'");
    }
    return service;
  }

  /** Whether a consistency report is over the serving log (else a sample); checks the fields go together. */
  public boolean servingLog() {
    boolean range = present(from) || present(to);
    if (range == (sample != null)) {
      throw new InvalidRequestException("give either \"from\" and \"to\" (the serving log's requests in that range) "
          + "or \"sample\" (entities looked up online now), such as {\"service\": \"driver_ranking_v1\", "
          + "\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-01-02T00:00:00Z\"}");
    }
    if (!range && sample < 1) {
      throw new InvalidRequestException("\"sample\" must be at least 1, got " + sample);
    }
    return range;
  }

  /** The serving log range's start; before {@link #toTime()}. */
  public Instant fromTime() {
    Instant start = RequestTimes.required(from, "from");
    if (!start.isBefore(toTime())) {
      throw new InvalidRequestException("\"from\" (" + start + ") must be before \"to\" (" + toTime() + ")");
    }
    return start;
  }

  /** The serving log range's end (exclusive). */
  public Instant toTime() {
    return RequestTimes.required(to, "to");
  }

  /**
   * The reference side.
   *
   * @throws InvalidRequestException missing or malformed, naming the field
   */
  public SkewSide referenceSide() {
    return side("reference", reference);
  }

  /** The current side, as {@link #referenceSide()}. */
  public SkewSide currentSide() {
    return side("current", current);
  }

  private static SkewSide side(String field, String value) {
    try {
      return SkewSide.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("\"" + field + "\" " + e.getMessage());
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }
}
