package dev.parity.client;

import dev.parity.client.FeatureAccessException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entity row of an {@link OnlineFeatures} answer: a value, status and event time per feature.
 *
 * <p>The typed getters never convert: {@code getDouble} of an int64 feature, or {@code getLong}
 * of a float64 one, throws {@link FeatureAccessException} ({@link Reason#WRONG_TYPE}) naming the
 * getter that fits, as does any getter given a name the answer has no column for ({@link
 * Reason#UNKNOWN_NAME}). Each comes in three forms for a value that is absent (any status but
 * {@link FeatureStatus#PRESENT}, unless the feature's declared default is served, which the
 * getters return like any value): the plain one throws ({@link Reason#NO_VALUE}), {@code
 * ...OrNull} returns null and {@code ...OrElse} returns the fallback given. Types on the wire:
 * int64 features are JSON integers ({@link #getLong}), float64 ones JSON decimals ({@link
 * #getDouble}), timestamps integers of microseconds since the epoch ({@link #getInstant}, or
 * {@link #getLong} for the micros), strings ({@link #getString}), bools ({@link #getBoolean}).
 * Immutable and thread-safe.
 */
public final class FeatureRow {
  private final RowData data;
  private final int index;
  private final Instant receivedAt;

  FeatureRow(RowData data, int index, Instant receivedAt) {
    this.data = data;
    this.index = index;
    this.receivedAt = receivedAt;
  }

  /** This row's position in the answer (and the request). */
  public int index() {
    return index;
  }

  /** The column names, join keys first. */
  public List<String> featureNames() {
    return data.names().names();
  }

  /** Everything about feature {@code name}. */
  public FeatureValue get(String name) {
    int column = data.names().column(name);
    return new FeatureValue(data.names().names().get(column), data.values()[column], data.statuses()[column],
        eventTime(column), age(column));
  }

  /** Every feature of the row, in column order. */
  public List<FeatureValue> values() {
    List<FeatureValue> values = new ArrayList<>(data.values().length);
    for (String name : featureNames()) {
      values.add(get(name));
    }
    return values;
  }

  /** The value as JSON carried it (see {@link FeatureValue#value()}), or null when there is none. */
  public Object value(String name) {
    return data.values()[data.names().column(name)];
  }

  public FeatureStatus status(String name) {
    return data.statuses()[data.names().column(name)];
  }

  /** The event time of the stored row the value came from, if it has one. */
  public Optional<Instant> eventTime(String name) {
    return eventTime(data.names().column(name));
  }

  /** How old the value was when the answer was received, if it has an event time. */
  public Optional<Duration> age(String name) {
    return age(data.names().column(name));
  }

  /** A float64 value; throws when it is absent. */
  public double getDouble(String name) {
    return asDouble(name, required(name, "getDouble"));
  }

  /** A float64 value, or null when it is absent. */
  public Double getDoubleOrNull(String name) {
    Object value = value(name);
    return value == null ? null : asDouble(name, value);
  }

  /** A float64 value, or {@code fallback} when it is absent. */
  public double getDoubleOrElse(String name, double fallback) {
    Object value = value(name);
    return value == null ? fallback : asDouble(name, value);
  }

  /** An int64 value (or a timestamp's microseconds); throws when it is absent. */
  public long getLong(String name) {
    return asLong(name, required(name, "getLong"));
  }

  /** An int64 value, or null when it is absent. */
  public Long getLongOrNull(String name) {
    Object value = value(name);
    return value == null ? null : asLong(name, value);
  }

  /** An int64 value, or {@code fallback} when it is absent. */
  public long getLongOrElse(String name, long fallback) {
    Object value = value(name);
    return value == null ? fallback : asLong(name, value);
  }

  /** A string value; throws when it is absent. */
  public String getString(String name) {
    return asString(name, required(name, "getString"));
  }

  /** A string value, or null when it is absent. */
  public String getStringOrNull(String name) {
    Object value = value(name);
    return value == null ? null : asString(name, value);
  }

  /** A string value, or {@code fallback} when it is absent. */
  public String getStringOrElse(String name, String fallback) {
    Object value = value(name);
    return value == null ? fallback : asString(name, value);
  }

  /** A bool value; throws when it is absent. */
  public boolean getBoolean(String name) {
    return asBoolean(name, required(name, "getBoolean"));
  }

  /** A bool value, or null when it is absent. */
  public Boolean getBooleanOrNull(String name) {
    Object value = value(name);
    return value == null ? null : asBoolean(name, value);
  }

  /** A bool value, or {@code fallback} when it is absent. */
  public boolean getBooleanOrElse(String name, boolean fallback) {
    Object value = value(name);
    return value == null ? fallback : asBoolean(name, value);
  }

  /** A timestamp value; throws when it is absent. */
  public Instant getInstant(String name) {
    return asInstant(name, required(name, "getInstant"));
  }

  /** A timestamp value, or null when it is absent. */
  public Instant getInstantOrNull(String name) {
    Object value = value(name);
    return value == null ? null : asInstant(name, value);
  }

  /** A timestamp value, or {@code fallback} when it is absent. */
  public Instant getInstantOrElse(String name, Instant fallback) {
    Object value = value(name);
    return value == null ? fallback : asInstant(name, value);
  }

  private Object required(String name, String getter) {
    int column = data.names().column(name);
    Object value = data.values()[column];
    if (value == null) {
      throw new FeatureAccessException(Reason.NO_VALUE, "feature '" + name + "' of row " + index
          + " has no value (status " + data.statuses()[column] + "); " + getter + "OrNull or " + getter
          + "OrElse take an absent value");
    }
    return value;
  }

  private double asDouble(String name, Object value) {
    if (value instanceof Double d) {
      return d;
    }
    // JSON has no NaN or infinities: the server writes them as strings.
    if (value instanceof String s) {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw wrongType(name, value, "float64");
  }

  private long asLong(String name, Object value) {
    if (value instanceof Long l) {
      return l;
    }
    throw wrongType(name, value, "int64");
  }

  private String asString(String name, Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw wrongType(name, value, "string");
  }

  private boolean asBoolean(String name, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw wrongType(name, value, "bool");
  }

  private Instant asInstant(String name, Object value) {
    if (value instanceof Long micros) {
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
    throw wrongType(name, value, "timestamp (microseconds since the epoch)");
  }

  private FeatureAccessException wrongType(String name, Object value, String wanted) {
    String type;
    String getter;
    if (value instanceof Long) {
      type = "int64 or timestamp";
      getter = "getLong or getInstant";
    } else if (value instanceof Double) {
      type = "float64";
      getter = "getDouble";
    } else if (value instanceof Boolean) {
      type = "bool";
      getter = "getBoolean";
    } else {
      type = "string";
      getter = "getString";
    }
    return new FeatureAccessException(Reason.WRONG_TYPE, "feature '" + name + "' of row " + index + " is " + type
        + " (" + value + "), not " + wanted + ": use " + getter);
  }

  private Optional<Instant> eventTime(int column) {
    return Optional.ofNullable(data.eventTimes()[column]);
  }

  private Optional<Duration> age(int column) {
    Instant event = data.eventTimes()[column];
    return event == null ? Optional.empty() : Optional.of(Duration.between(event, receivedAt));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    List<String> names = featureNames();
    for (int i = 0; i < names.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(data.values()[i]);
      if (data.statuses()[i] != FeatureStatus.PRESENT) {
        text.append(" (").append(data.statuses()[i]).append(')');
      }
    }
    return text.append('}').toString();
  }
}
