package dev.parity.server.servinglog;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.online.FeatureValue;
import dev.parity.online.KeyColumn;
import dev.parity.online.servinglog.ServedFeature;
import dev.parity.online.servinglog.ServedRequestField;
import dev.parity.online.servinglog.ServedSchema;
import dev.parity.online.servinglog.ServingLogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One serving log file being written: the wide layout of one {@link ServedSchema}. Invisible
 * (a hidden temporary file) until {@link #commit()}. Not thread-safe.
 *
 * <p>Columns: {@code request_id}, {@code request_time}, {@code service_version} (null for feature
 * lists), the join keys, the request data fields the on-demand features read (by their names,
 * nullable; files written before request data was logged lack them), {@code <view>__view_version}
 * per view, then per feature {@code
 * view__feature} (its type; null unless served {@code PRESENT}), {@code view__feature__status}
 * and {@code view__feature__event_timestamp} (null when nothing was stored).
 */
final class LogFile implements AutoCloseable {
  private final ServedSchema schema;
  private final RowWriter writer;
  /** The version of each view, in the order of the {@code __view_version} columns. */
  private final List<String> viewVersions;
  private final long openedMillis;

  private LogFile(ServedSchema schema, RowWriter writer, List<String> viewVersions, long openedMillis) {
    this.schema = schema;
    this.writer = writer;
    this.viewVersions = viewVersions;
    this.openedMillis = openedMillis;
  }

  /**
   * @throws IllegalArgumentException two columns of the layout would have one name (a join key
   *     named like a log column, say)
   */
  static LogFile open(Path target, ServedSchema schema, ParquetWriteOptions options, long nowMillis) {
    Map<String, String> viewVersions = new LinkedHashMap<>();
    schema.features().forEach(f -> viewVersions.putIfAbsent(f.view(), f.viewVersion()));
    List<Column> columns = new ArrayList<>();
    columns.add(Column.required("request_id", DataType.STRING));
    columns.add(Column.required("request_time", DataType.TIMESTAMP));
    columns.add(Column.optional("service_version", DataType.STRING));
    for (KeyColumn key : schema.joinKeys()) {
      columns.add(Column.required(key.name(), key.type()));
    }
    for (ServedRequestField field : schema.requestFields()) {
      columns.add(Column.optional(field.name(), field.type()));
    }
    viewVersions.keySet().forEach(view -> columns.add(Column.required(view + "__view_version", DataType.STRING)));
    for (ServedFeature feature : schema.features()) {
      columns.add(Column.optional(feature.fullName(), feature.type()));
      columns.add(Column.required(feature.fullName() + "__status", DataType.STRING));
      columns.add(Column.optional(feature.fullName() + "__event_timestamp", DataType.TIMESTAMP));
    }
    Set<String> names = new HashSet<>();
    for (Column column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("serving log of " + schema.service().orElse("a feature list")
            + ": column '" + column.name() + "' would appear twice; rename the join key or feature");
      }
    }
    return new LogFile(schema, ParquetFiles.create(target, columns, options), List.copyOf(viewVersions.values()),
        nowMillis);
  }

  ServedSchema schema() {
    return schema;
  }

  long rows() {
    return writer.rowCount();
  }

  long openedMillis() {
    return openedMillis;
  }

  void append(ServingLogEntry entry) {
    int c = 0;
    writer.setString(c++, entry.requestId());
    writer.setTimestampMicros(c++, entry.requestTimeMicros());
    writer.setString(c++, schema.serviceVersion().orElse(null));
    for (int k = 0; k < schema.joinKeys().size(); k++) {
      writer.setValue(c++, entry.joinKeys().get(k));
    }
    for (int i = 0; i < schema.requestFields().size(); i++) {
      writer.setValue(c++, entry.requestData().get(i));
    }
    for (String version : viewVersions) {
      writer.setString(c++, version);
    }
    for (int f = 0; f < schema.features().size(); f++) {
      FeatureValue value = entry.values().get(f);
      writer.setValue(c++, value.value());
      writer.setString(c++, value.status().name());
      if (value.eventTimeMicros() == FeatureValue.NO_EVENT_TIME) {
        writer.setNull(c++);
      } else {
        writer.setTimestampMicros(c++, value.eventTimeMicros());
      }
    }
    writer.endRow();
  }

  /** Publishes the file at its target. */
  void commit() {
    writer.commit();
  }

  /** Releases the file; deletes it unless committed. */
  @Override
  public void close() {
    writer.close();
  }
}
