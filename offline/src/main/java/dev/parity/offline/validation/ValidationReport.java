package dev.parity.offline.validation;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of validating one feature view's source data for one run. A failed report is a value,
 * not an error: {@link #requirePassed()} turns it into a {@link DataValidationException}.
 *
 * @param view the feature view validated
 * @param source its source
 * @param interval the event times of the run
 * @param referenceTime the time freshness is measured at: the interval's end, or the clock's now
 * @param validatedAt when the validation ran (the validator's clock)
 * @param files the files read, repository-relative where possible, in source order
 * @param rowCount rows with event time in the interval
 * @param checks every check, passed or not, in a fixed order: columns, row count, freshness, then
 *     column rules
 */
public record ValidationReport(
    String view,
    String source,
    EventInterval interval,
    Instant referenceTime,
    Instant validatedAt,
    List<String> files,
    long rowCount,
    List<ValidationCheck> checks) {

  public ValidationReport {
    requireNonNull(view, "view is null");
    requireNonNull(source, "source is null");
    requireNonNull(interval, "interval is null");
    requireNonNull(referenceTime, "referenceTime is null");
    requireNonNull(validatedAt, "validatedAt is null");
    files = List.copyOf(files);
    checks = List.copyOf(checks);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(ValidationCheck::passed);
  }

  /** The checks that failed, in report order. */
  public List<ValidationCheck> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /**
   * Returns this report if it passed.
   *
   * @throws DataValidationException with the rendered report as message, if any check failed
   */
  public ValidationReport requirePassed() {
    if (!passed()) {
      throw new DataValidationException(this);
    }
    return this;
  }

  /** A readable multi-line summary: a header, then one line per check ({@code ✓}/{@code ✗}). */
  public String render() {
    StringBuilder out = new StringBuilder();
    int failed = failures().size();
    out.append("Validation of view ").append(view).append(" (source ").append(source).append("): ")
        .append(failed == 0 ? "passed" : "FAILED (" + failed + " of " + checks.size() + " checks failed)").append('\n');
    out.append("  ").append(Formats.rows(rowCount)).append(" in ").append(interval).append(" from ")
        .append(files.size()).append(files.size() == 1 ? " file" : " files").append(", reference time ").append(referenceTime).append('\n');
    for (ValidationCheck check : checks) {
      out.append("  ").append(check.line()).append('\n');
    }
    return out.toString();
  }

  /** The report as a JSON object, for the metadata store. */
  public String toJson() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("view", view).put("source", source).put("passed", passed());
    root.put("start", interval.start().map(Instant::toString).orElse(null));
    root.put("end", interval.end().map(Instant::toString).orElse(null));
    root.put("reference_time", referenceTime.toString()).put("validated_at", validatedAt.toString());
    ArrayNode fileArray = root.putArray("files");
    files.forEach(fileArray::add);
    root.put("row_count", rowCount);
    ArrayNode checkArray = root.putArray("checks");
    for (ValidationCheck c : checks) {
      ObjectNode node = checkArray.addObject();
      node.put("name", c.name()).put("column", c.column().orElse(null)).put("expected", c.expected()).put("actual", c.actual())
          .put("passed", c.passed()).put("offending_rows", c.offendingRows());
      ArrayNode sample = node.putArray("sample");
      c.sample().forEach(sample::add);
      node.put("origin", c.origin().jsonName()).put("message", c.message());
    }
    return root.toString();
  }

  /**
   * Reads a report written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if {@code text} is not such a report
   */
  public static ValidationReport fromJson(String text) {
    try {
      JsonNode root = new ObjectMapper().readTree(text);
      List<String> files = new ArrayList<>();
      required(root, "files").forEach(f -> files.add(f.asText()));
      List<ValidationCheck> checks = new ArrayList<>();
      for (JsonNode c : required(root, "checks")) {
        List<String> sample = new ArrayList<>();
        required(c, "sample").forEach(s -> sample.add(s.asText()));
        checks.add(new ValidationCheck(required(c, "name").asText(), optional(c, "column"), required(c, "expected").asText(),
            required(c, "actual").asText(), required(c, "passed").asBoolean(), required(c, "offending_rows").asLong(), sample,
            RuleOrigin.valueOf(required(c, "origin").asText().toUpperCase(java.util.Locale.ROOT)), required(c, "message").asText()));
      }
      EventInterval interval = new EventInterval(optional(root, "start").map(Instant::parse), optional(root, "end").map(Instant::parse));
      return new ValidationReport(required(root, "view").asText(), required(root, "source").asText(), interval,
          Instant.parse(required(root, "reference_time").asText()), Instant.parse(required(root, "validated_at").asText()), files,
          required(root, "row_count").asLong(), checks);
    } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a validation report: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("not a validation report: no '" + field + "'");
    }
    return value;
  }

  private static Optional<String> optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
