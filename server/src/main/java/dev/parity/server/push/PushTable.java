package dev.parity.server.push;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.RequestValues;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.offline.parquet.write.Timestamps;
import dev.parity.offline.work.WorkFolder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushed rows checked against their source ({@link PushSchema}) and typed: one column per column
 * of the source, values {@code Boolean}, {@code Long} (int64, and timestamps as UTC epoch
 * microseconds), {@code Double}, {@code String} or null. Columns the rows did not carry are null,
 * except a declared created timestamp, which is the push time. Not thread-safe; not changed after
 * {@link #check}.
 */
final class PushTable {
  /** Errors listed in one message; the rest are counted. */
  private static final int LISTED_ERRORS = 10;
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  /** What {@link #convert} returns for a well-formed timestamp that int64 microseconds cannot hold. */
  private static final Object OUT_OF_RANGE = new Object();

  private final List<String> names;
  private final List<DataType> types;
  private final List<Object[]> columns;
  private final int rows;

  private PushTable(List<String> names, List<DataType> types, List<Object[]> columns, int rows) {
    this.names = names;
    this.types = types;
    this.columns = columns;
    this.rows = rows;
  }

  /**
   * Checks {@code input} against {@code schema}: no unknown column, every needed column present,
   * columns of one length, at least one row, every value of its column's type (source widening
   * rules; timestamps as {@link RequestValues#time} reads them; an int64 join key may be a string
   * id {@link RequestValues#int64Id} takes), a value in every join key and event timestamp, no event or
   * created time beyond {@code limit} ({@link FutureTimeLimit}).
   *
   * @param limit the future-time limit; its {@code now} is the push time, the created time of rows
   *     when the source declares a created timestamp column the rows do not carry
   * @throws PushException listing the first errors, each naming the row index (from 0) and column
   */
  static PushTable check(PushSchema schema, PushRows input, FutureTimeLimit limit) {
    long pushTimeMicros = Timestamps.toMicros(limit.now());
    String source = schema.source().name();
    List<String> errors = new ArrayList<>();
    for (String column : input.columns().keySet()) {
      if (!schema.types().containsKey(column)) {
        errors.add("column " + column + ": not a column of source " + source + " (its columns: "
            + String.join(", ", schema.types().keySet()) + ")");
      }
    }
    schema.needed().forEach((column, reader) -> {
      if (!input.columns().containsKey(column)) {
        errors.add("column " + column + ": missing, needed as " + reader);
      }
    });
    int rows = input.rowCount();
    input.columns().forEach((column, values) -> {
      if (values.size() != rows) {
        errors.add("column " + column + ": " + values.size() + " values where another column has " + rows);
      }
    });
    if (errors.isEmpty() && rows == 0) {
      errors.add("no rows to push");
    }
    fail(errors, source);

    List<String> names = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    List<Object[]> columns = new ArrayList<>();
    for (Map.Entry<String, DataType> entry : schema.types().entrySet()) {
      String column = entry.getKey();
      Object[] values = new Object[rows];
      List<Object> given = input.columns().get(column);
      boolean required = schema.keys().contains(column) || column.equals(schema.source().timestampColumn());
      Optional<String> rowTime = column.equals(schema.source().timestampColumn()) ? Optional.of("an event time")
          : schema.source().createdTimestampColumn().filter(column::equals).map(c -> "a created time");
      if (given == null) {
        if (schema.source().createdTimestampColumn().map(column::equals).orElse(false)) {
          java.util.Arrays.fill(values, pushTimeMicros);
        }
      } else {
        for (int row = 0; row < rows && errors.size() <= LISTED_ERRORS; row++) {
          Object raw = given.get(row);
          if (raw == null) {
            if (required) {
              errors.add("row " + row + ", column " + column + ": no value, and "
                  + (schema.keys().contains(column) ? "a join key" : "the event timestamp") + " needs one");
            }
            continue;
          }
          Object value = schema.keys().contains(column) && raw instanceof String id && entry.getValue() == DataType.INT64
              ? RequestValues.int64Id(id).orElse(null) : convert(raw, entry.getValue());
          if (value == OUT_OF_RANGE) {
            errors.add("row " + row + ", column " + column + ": " + describe(raw) + " is outside the range of "
                + "timestamps (int64 microseconds since 1970-01-01T00:00:00Z)");
            continue;
          }
          if (value == null) {
            errors.add("row " + row + ", column " + column + ": expected " + expected(entry.getValue()) + ", got "
                + describe(raw) + (raw instanceof String && schema.keys().contains(column)
                && entry.getValue() == DataType.INT64 ? " (" + RequestValues.INT64_ID_FORM + ")" : ""));
          } else if (rowTime.isPresent() && limit.isBeyond((Long) value)) {
            errors.add("row " + row + ", column " + column + ": " + Timestamps.fromMicros((Long) value)
                + " is beyond " + limit.describe() + ": " + rowTime.get() + " from the future would win every "
                + "newer-wins comparison online");
          }
          values[row] = value;
        }
      }
      names.add(column);
      types.add(entry.getValue());
      columns.add(values);
    }
    fail(errors, source);
    return new PushTable(List.copyOf(names), List.copyOf(types), columns, rows);
  }

  private static void fail(List<String> errors, String source) {
    if (errors.isEmpty()) {
      return;
    }
    String listed = String.join("; ", errors.subList(0, Math.min(LISTED_ERRORS, errors.size())));
    throw new PushException("rows rejected for source " + source + ": " + listed
        + (errors.size() > LISTED_ERRORS ? "; and more" : "") + "; nothing was written");
  }

  /**
   * The value of {@code raw} in a column of {@code type}, null if it is not one, or {@link
   * #OUT_OF_RANGE} for a timestamp beyond what int64 microseconds hold.
   */
  private static Object convert(Object raw, DataType type) {
    return switch (type) {
      case BOOL -> raw instanceof Boolean b ? b : null;
      case STRING -> raw instanceof String s ? s : null;
      case INT64 -> {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
          yield ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger i && i.bitLength() < 64) {
          yield i.longValue();
        }
        if (raw instanceof BigDecimal d && isIntegral(d) && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
          yield d.longValueExact();
        }
        yield null;
      }
      case FLOAT64 -> {
        if (raw instanceof Double || raw instanceof Float) {
          yield ((Number) raw).doubleValue();
        }
        // An untyped number (JSON, CSV) is a float64 whatever its spelling; an int64 column is not.
        yield raw instanceof BigDecimal d ? d.doubleValue() : null;
      }
      case TIMESTAMP -> timestamp(raw);
    };
  }

  private static boolean isIntegral(BigDecimal d) {
    return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
  }

  private static Object timestamp(Object raw) {
    Instant instant;
    if (raw instanceof OffsetDateTime time) {
      instant = time.toInstant();
    } else if (raw instanceof ZonedDateTime time) {
      instant = time.toInstant();
    } else {
      // Strings and untyped (JSON, CSV) numbers as Feast's clients send them; a typed int64 or float is not a time.
      Object given = raw instanceof String || raw instanceof BigDecimal || raw instanceof Instant ? raw : null;
      instant = RequestValues.time(given).orElse(null);
    }
    if (instant == null) {
      return null;
    }
    try {
      return Timestamps.toMicros(instant);
    } catch (ArithmeticException e) {
      return OUT_OF_RANGE;
    }
  }

  private static String expected(DataType type) {
    return type == DataType.TIMESTAMP ? "timestamp (" + RequestValues.TIME_FORMS + ")"
        : type.yamlName();
  }

  private static String describe(Object raw) {
    if (raw instanceof String s) {
      return '"' + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + '"';
    }
    if (raw instanceof BigDecimal d) {
      return d.toPlainString();
    }
    String type = raw instanceof Long ? "int64" : raw instanceof Integer ? "int32" : raw instanceof Short ? "int16"
        : raw instanceof Byte ? "int8" : raw instanceof Double ? "float64" : raw instanceof Float ? "float32"
        : raw instanceof Boolean ? "bool" : raw instanceof Instant ? "timestamp" : null;
    return type == null ? String.valueOf(raw) : raw + " (" + type + ")";
  }

  int rowCount() {
    return rows;
  }

  /** The greatest value of timestamp column {@code column}. */
  Instant maxTime(String column) {
    Object[] values = columns.get(names.indexOf(column));
    long max = Long.MIN_VALUE;
    for (Object value : values) {
      if (value != null) {
        max = Math.max(max, (Long) value);
      }
    }
    return Timestamps.fromMicros(max);
  }

  /**
   * Writes the rows to a Parquet file that appears at {@code target} atomically (hidden temporary
   * file, recorded by the push's working folder {@code owner}, then a rename), every column
   * optional.
   *
   * @throws dev.parity.offline.parquet.write.DataWriteException if the file cannot be written
   */
  void writeParquet(Path target, WorkFolder owner) {
    List<Column> schema = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      schema.add(Column.optional(names.get(c), types.get(c)));
    }
    try (RowWriter out = ParquetFiles.create(target, schema, ParquetWriteOptions.defaults(), owner)) {
      for (int row = 0; row < rows; row++) {
        for (int c = 0; c < names.size(); c++) {
          Object value = columns.get(c)[row];
          if (value == null) {
            out.setNull(c);
          } else {
            switch (types.get(c)) {
              case BOOL -> out.setBoolean(c, (Boolean) value);
              case INT64 -> out.setLong(c, (Long) value);
              case FLOAT64 -> out.setDouble(c, (Double) value);
              case STRING -> out.setString(c, (String) value);
              case TIMESTAMP -> out.setTimestampMicros(c, (Long) value);
            }
          }
        }
        out.endRow();
      }
      out.commit();
    }
  }
}
