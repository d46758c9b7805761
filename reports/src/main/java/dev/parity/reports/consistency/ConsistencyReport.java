package dev.parity.reports.consistency;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value consistency report: per feature of a service, how the served values compare with the
 * offline values at the same times, and a cause with examples for every mismatch. Immutable; its
 * JSON form is {@link ConsistencyReportJson}.
 *
 * @param service the feature service
 * @param createdAt when the report was made (ISO-8601)
 * @param source what was compared
 * @param rows the served entity rows compared
 * @param verdict {@code FAIL} when a feature fails
 * @param failedFeatures how many features fail
 * @param maxMismatchRate the mismatch rate above which a feature fails
 * @param features per feature, highest mismatch rate first
 */
public record ConsistencyReport(String service, String createdAt, Source source, long rows, Verdict verdict,
    int failedFeatures, double maxMismatchRate, List<FeatureConsistency> features) {

  public ConsistencyReport {
    requireNonNull(service, "service is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(source, "source is null");
    requireNonNull(verdict, "verdict is null");
    features = List.copyOf(features);
  }

  /** The largest mismatch rate of a feature, 0 when there is none: what a metric trigger watches. */
  public double worstMismatchRate() {
    return features.stream().mapToDouble(FeatureConsistency::mismatchRate).max().orElse(0);
  }

  public enum Verdict { PASS, FAIL }

  /**
   * What was compared.
   *
   * @param kind {@code serving_log} or {@code sample}
   * @param description in words, for people
   * @param from the start of the serving log range (inclusive, ISO-8601), or null for a sample
   * @param to the end of the serving log range (exclusive), or null for a sample
   * @param at the time a sample was looked up and computed at, or null for the serving log
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Source(String kind, String description, String from, String to, String at) {
    public Source {
      requireNonNull(kind, "kind is null");
      requireNonNull(description, "description is null");
    }
  }

  /**
   * One feature's comparison. A row counts in {@code total} unless it could not be compared
   * ({@code notCompared}: the feature was not logged in that row's file, or request data it needs
   * was not); {@code mismatch = onlineOnlyNull + offlineOnlyNull + valueMismatch}.
   *
   * @param feature {@code view:feature}
   * @param type the feature's type
   * @param verdict {@code FAIL} when {@code mismatchRate > maxMismatchRate}
   * @param total rows compared
   * @param bothNull rows where neither side has a value (a match)
   * @param onlineOnlyNull rows served without a value that the offline path computes one for
   * @param offlineOnlyNull rows served with a value where the offline path computes none
   * @param valueMismatch rows where both sides have a value and the values differ
   * @param mismatch rows where the sides differ
   * @param mismatchRate {@code mismatch / total}, 0 without rows
   * @param smape for int64 and float64, the mean over rows with both values of {@code 2|a - b| /
   *     (|a| + |b|)} (0 when both are 0), in {@code [0, 2]}; null otherwise or without such rows
   * @param notCompared rows that could not be compared
   * @param causes every cause found, most frequent first
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FeatureConsistency(String feature, String type, Verdict verdict, long total, long bothNull,
      long onlineOnlyNull, long offlineOnlyNull, long valueMismatch, long mismatch, double mismatchRate, Double smape,
      long notCompared, List<CauseCount> causes) {
    public FeatureConsistency {
      requireNonNull(feature, "feature is null");
      requireNonNull(type, "type is null");
      requireNonNull(verdict, "verdict is null");
      causes = List.copyOf(causes);
      if (mismatch != onlineOnlyNull + offlineOnlyNull + valueMismatch) {
        throw new IllegalArgumentException("feature " + feature + ": " + mismatch + " mismatches is not "
            + onlineOnlyNull + " + " + offlineOnlyNull + " + " + valueMismatch);
      }
    }
  }

  /**
   * The mismatches of one feature given one cause.
   *
   * @param cause the cause
   * @param label the cause in words
   * @param count how many mismatches it explains
   * @param examples the first few of them
   */
  public record CauseCount(MismatchCause cause, String label, long count, List<Example> examples) {
    public CauseCount {
      requireNonNull(cause, "cause is null");
      requireNonNull(label, "label is null");
      examples = List.copyOf(examples);
    }
  }

  /**
   * One mismatch. Timestamps (the time and timestamp values) are ISO-8601 text.
   *
   * @param keys the entity's join key values by name
   * @param time the serving time the row was compared at
   * @param online the served value (null when none was served)
   * @param onlineStatus the status it was served with
   * @param offline the offline value at {@code time}
   * @param materializedUntil the end of the view's last materialization before {@code time}, when
   *     the cause was looked for there
   * @param offlineAtMaterialization the offline value at {@code materializedUntil}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Example(Map<String, Object> keys, String time, Object online, String onlineStatus, Object offline,
      String materializedUntil, Object offlineAtMaterialization) {
    public Example {
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(keys, "keys are null")));
      requireNonNull(time, "time is null");
      requireNonNull(onlineStatus, "online status is null");
    }
  }
}
