package dev.parity.reports.skew;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON form of a {@link SkewReport}: an object whose fields are the record components, in
 * declaration order; statistics without a value, threshold or verdict leave those fields out.
 * Thread-safe.
 */
public final class SkewReportJson {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private SkewReportJson() {}

  public static String toJson(SkewReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a skew report holds only records, strings, numbers and lists", e);
    }
  }

  /**
   * Reads a report written by {@link #toJson} (fields added later are ignored).
   *
   * @throws IllegalArgumentException if {@code json} is not such a report
   */
  public static SkewReport fromJson(String json) {
    try {
      return JSON.readValue(json, SkewReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a skew report: " + e.getOriginalMessage(), e);
    }
  }
}
