package dev.parity.reports.consistency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON form of a {@link ConsistencyReport}: an object whose fields are the record components,
 * in declaration order; absent values (a sample's range, SMAPE of a string) are left out.
 * Thread-safe.
 */
public final class ConsistencyReportJson {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConsistencyReportJson() {}

  public static String toJson(ConsistencyReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a consistency report holds only records, strings, numbers and lists", e);
    }
  }

  /**
   * Reads a report written by {@link #toJson} (fields added later are ignored).
   *
   * @throws IllegalArgumentException if {@code json} is not such a report
   */
  public static ConsistencyReport fromJson(String json) {
    try {
      return JSON.readValue(json, ConsistencyReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a consistency report: " + e.getOriginalMessage(), e);
    }
  }
}
