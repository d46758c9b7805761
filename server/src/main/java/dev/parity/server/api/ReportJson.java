package dev.parity.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.SkewReport;

/**
 * A report stored in the metadata store, as {@code GET /reports/{id}} (with {@code report}, the
 * whole report) and {@code GET /reports} (without it) answer, and as a report job's result.
 *
 * @param kind {@code value_consistency} or {@code distribution}
 * @param maxMetric the largest mismatch rate (consistency) or PSI (skew)
 * @param trainingSetId the training set compared, if one was
 * @param rangeFrom the start of the serving log's range compared, if one was
 * @param inputs what was compared: for a distribution report each side's form ({@code
 *     training-set:ID}, {@code log:FROM..TO} or a path), kind, description and rows
 * @param location where to read it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportJson(
    @JsonProperty("report_id") long id,
    @JsonProperty("kind") String kind,
    @JsonProperty("service") String service,
    @JsonProperty("service_version") String serviceVersion,
    @JsonProperty("verdict") String verdict,
    @JsonProperty("max_metric") double maxMetric,
    @JsonProperty("recorded_at") String recordedAt,
    @JsonProperty("range_from") String rangeFrom,
    @JsonProperty("range_to") String rangeTo,
    @JsonProperty("training_set_id") Long trainingSetId,
    @JsonProperty("inputs") JsonNode inputs,
    @JsonProperty("location") String location,
    @JsonProperty("report") JsonNode report) {

  public ReportJson {
    requireNonNull(kind, "kind is null");
    requireNonNull(recordedAt, "recordedAt is null");
    requireNonNull(location, "location is null");
  }

  /** The stored report without its body. */
  public static ReportJson summary(Recorded<SkewReport> recorded) {
    SkewReport value = recorded.value();
    return new ReportJson(recorded.id(), value.kind(), value.service().orElse(null),
        value.serviceVersion().orElse(null), value.verdict().orElse(null), value.maxMetric(),
        recorded.recordedAt().toString(), value.rangeFrom().map(Object::toString).orElse(null),
        value.rangeTo().map(Object::toString).orElse(null), value.trainingSetId().orElse(null), value.inputs(),
        location(recorded.id()), null);
  }

  /** The stored report with its body. */
  public static ReportJson of(Recorded<SkewReport> recorded) {
    ReportJson summary = summary(recorded);
    return new ReportJson(summary.id, summary.kind, summary.service, summary.serviceVersion, summary.verdict,
        summary.maxMetric, summary.recordedAt, summary.rangeFrom, summary.rangeTo, summary.trainingSetId,
        summary.inputs, summary.location,
        recorded.value().report());
  }

  /** The path of report {@code id}. */
  public static String location(long id) {
    return "/reports/" + id;
  }
}
