package dev.parity.definitions.triggers;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DriftStatistic;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a {@code metric} trigger's value comes from: the {@code source:} of its {@code metric:}
 * condition (docs/triggers.md). The report, validation and server sources are about the trigger's
 * feature service.
 */
public sealed interface MetricSource {
  /** The source ids a condition may name, in documentation order. */
  List<String> IDS = List.of("model", "report", "validation", "server", "prometheus");

  /** {@code model}, {@code report}, {@code validation}, {@code server} or {@code prometheus}. */
  String id();

  /** The source's fields for the trigger's version hash (without {@code source}). */
  Map<String, Object> canonicalForm();

  /** What is watched, for reasons and messages: {@code accuracy}, {@code psi of driver:conv_rate}... */
  String describe();

  /**
   * The latest observation of a model version's metric ({@code POST /models/{name}/versions/{v}/metrics}
   * or the evaluation at registration).
   *
   * @param alias only the version holding this alias counts; empty: the latest of any version
   */
  record Model(String model, Optional<String> alias, String name) implements MetricSource {
    public Model {
      requireNonNull(model, "model is null");
      requireNonNull(alias, "alias is null");
      requireNonNull(name, "name is null");
    }

    @Override
    public String id() {
      return "model";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      // The keys model triggers were versioned with before other sources existed: unchanged.
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("model", model);
      alias.ifPresent(a -> form.put("alias", a));
      form.put("metric", name);
      return form;
    }

    @Override
    public String describe() {
      return name;
    }
  }

  /**
   * A statistic of the latest stored report of the trigger's service: a skew report's drift
   * statistic ({@code psi js linf ks wasserstein null_rate}) or a consistency report's {@code
   * mismatch_rate}, of one feature ({@code view:feature}) or, without a feature, the largest over
   * the report's features.
   */
  record Report(Kind report, Optional<String> feature, String statistic) implements MetricSource {
    public Report {
      requireNonNull(report, "report is null");
      requireNonNull(feature, "feature is null");
      requireNonNull(statistic, "statistic is null");
      if (!report.statistics().contains(statistic)) {
        throw new IllegalArgumentException("a " + report.id() + " report has no statistic '" + statistic
            + "' (its statistics: " + String.join(", ", report.statistics()) + ")");
      }
    }

    @Override
    public String id() {
      return "report";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("report", report.id());
      feature.ifPresent(f -> form.put("feature", f));
      form.put("statistic", statistic);
      return form;
    }

    @Override
    public String describe() {
      return report.id() + " report " + statistic + " of " + feature.orElse("its worst feature");
    }

    /** The kinds of stored reports. */
    public enum Kind {
      /** Distribution skew between training data and serving data ({@code skew-report}). */
      SKEW("skew", "distribution", List.of(DriftStatistic.values()).stream().map(DriftStatistic::yamlName).toList()),
      /** Values served online against values recomputed offline ({@code consistency-report}). */
      CONSISTENCY("consistency", "value_consistency", List.of("mismatch_rate"));

      private final String id;
      private final String storedKind;
      private final List<String> statistics;

      Kind(String id, String storedKind, List<String> statistics) {
        this.id = id;
        this.storedKind = storedKind;
        this.statistics = statistics;
      }

      /** The YAML name. */
      public String id() {
        return id;
      }

      /** The kind the metadata store records such reports under. */
      public String storedKind() {
        return storedKind;
      }

      /** The statistics a condition may name; the first is the default. */
      public List<String> statistics() {
        return statistics;
      }
    }
  }

  /**
   * The latest recorded data validation of each feature view of the trigger's service that has
   * {@code validation:} rules: {@code failed_checks} (failed checks summed over those views) or
   * {@code failed_views} (how many of them failed).
   */
  record Validation(String statistic) implements MetricSource {
    /** The statistics a condition may name; the first is the default. */
    public static final List<String> STATISTICS = List.of("failed_checks", "failed_views");

    public Validation {
      requireNonNull(statistic, "statistic is null");
      if (!STATISTICS.contains(statistic)) {
        throw new IllegalArgumentException("unknown validation statistic '" + statistic + "' (expected one of "
            + String.join(", ", STATISTICS) + ")");
      }
    }

    @Override
    public String id() {
      return "validation";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      return Map.of("statistic", statistic);
    }

    @Override
    public String describe() {
      return "validation " + statistic;
    }
  }

  /**
   * A metric of the server that evaluates the trigger, from its own metrics registry, over the
   * last {@code window}: {@code not_found_rate} is the share of the feature values the service's
   * lookups returned as {@code NOT_FOUND}.
   */
  record Server(String name, Duration window) implements MetricSource {
    /** The server metrics a condition may name. */
    public static final List<String> NAMES = List.of("not_found_rate");

    public Server {
      requireNonNull(name, "name is null");
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown server metric '" + name + "' (expected one of "
            + String.join(", ", NAMES) + ")");
      }
      requireNonNull(window, "window is null");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be positive, got " + window);
      }
    }

    @Override
    public String id() {
      return "server";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      return Map.of("name", name, "window", window.toString());
    }

    @Override
    public String describe() {
      return name + " over " + window.toString().substring(2).toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A sample read from a Prometheus endpoint (text exposition format) by HTTP GET: the metric
   * {@code name} whose labels include every one of {@code labels}; when several samples match, the
   * largest counts.
   */
  record Prometheus(URI url, String name, Map<String, String> labels, Duration timeout) implements MetricSource {
    /** A Prometheus metric name. */
    public static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** A Prometheus label name. */
    public static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public Prometheus {
      requireNonNull(url, "url is null");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
        throw new IllegalArgumentException("a Prometheus url must be an http or https URL with a host, got '"
            + url + "'");
      }
      requireNonNull(name, "name is null");
      if (!METRIC_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + name + "' is not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
      }
      labels = new TreeMap<>(requireNonNull(labels, "labels is null"));
      labels.keySet().forEach(label -> {
        if (!LABEL_NAME.matcher(label).matches()) {
          throw new IllegalArgumentException("'" + label + "' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }
      });
      labels = java.util.Collections.unmodifiableMap(labels);
      requireNonNull(timeout, "timeout is null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
    }

    @Override
    public String id() {
      return "prometheus";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("url", url.toString());
      form.put("name", name);
      form.put("labels", labels);
      form.put("timeout", timeout.toString());
      return form;
    }

    @Override
    public String describe() {
      StringBuilder text = new StringBuilder(name);
      if (!labels.isEmpty()) {
        text.append('{');
        labels.forEach((k, v) -> text.append(text.charAt(text.length() - 1) == '{' ? "" : ",")
            .append(k).append("=\"").append(v).append('"'));
        text.append('}');
      }
      return text.append(" at ").append(url).toString();
    }
  }
}
