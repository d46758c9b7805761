package dev.parity.server.push;

import dev.parity.definitions.DataType;
import dev.parity.offline.csv.CsvRecords;
import dev.parity.offline.parquet.write.Timestamps;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads rows to push from a file: Parquet (values as their physical type, so the source widening
 * rules apply to them) or CSV with a header line (cells parsed by the type of their column:
 * numbers untyped, {@code true}/{@code false}, timestamps as ISO-8601 text; an empty unquoted
 * cell is null). The whole file is read into memory: a push is a batch, not a backfill. Stateless
 * and thread-safe.
 */
public final class PushFiles {
  private static final ParquetReadOptions READ_OPTIONS = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

  private PushFiles() {}

  /**
   * The rows of {@code file} ({@code .parquet} or {@code .csv}).
   *
   * @param types the source's column types ({@link PushService#columns}), which CSV cells are
   *     parsed by; a column not among them is read as text and rejected when pushed
   * @throws PushException if the file is missing, of another kind, or cannot be read
   */
  public static PushRows read(Path file, Map<String, DataType> types) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!Files.isRegularFile(file)) {
      throw new PushException("no such file: " + file);
    }
    try {
      if (name.endsWith(".parquet")) {
        return parquet(file);
      }
      if (name.endsWith(".csv")) {
        return csv(file, types);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof PushException push) {
        throw push;
      }
      throw new PushException("cannot read " + file + ": " + e.getMessage());
    }
    throw new PushException("cannot push " + file + ": expected a .parquet or .csv file");
  }

  private static PushRows parquet(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), READ_OPTIONS)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      Map<String, List<Object>> columns = new LinkedHashMap<>();
      for (Type field : schema.getFields()) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
          throw new PushException("column " + field.getName() + " of " + file + " is nested, which Parity cannot read");
        }
        columns.put(field.getName(), new ArrayList<>());
      }
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      List<ColumnDescriptor> descriptors = schema.getColumns();
      for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
        ColumnReadStoreImpl store =
            new ColumnReadStoreImpl(pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
        for (ColumnDescriptor descriptor : descriptors) {
          ColumnReader column = store.getColumnReader(descriptor);
          List<Object> values = columns.get(descriptor.getPath()[0]);
          for (long row = 0; row < pages.getRowCount(); row++, column.consume()) {
            values.add(column.getCurrentDefinitionLevel() == descriptor.getMaxDefinitionLevel()
                ? value(column, descriptor.getPrimitiveType(), file) : null);
          }
        }
      }
      return new PushRows(columns);
    }
  }

  private static Object value(ColumnReader column, PrimitiveType type, Path file) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> column.getBoolean();
      case INT32 -> {
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned() && i.getBitWidth() < 32) {
          yield i.getBitWidth() == 8 ? (Object) (byte) column.getInteger() : (Object) (short) column.getInteger();
        }
        if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()) {
          yield column.getInteger();
        }
        throw unreadable(type, file);
      }
      case INT64 -> {
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
          long raw = column.getLong();
          yield switch (t.getUnit()) {
            case MILLIS -> Timestamps.fromMicros(Math.multiplyExact(raw, 1000L));
            case MICROS -> Timestamps.fromMicros(raw);
            case NANOS -> java.time.Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000_000L),
                Math.floorMod(raw, 1_000_000_000L));
          };
        }
        if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()) {
          yield column.getLong();
        }
        throw unreadable(type, file);
      }
      case FLOAT -> column.getFloat();
      case DOUBLE -> column.getDouble();
      case BINARY -> {
        if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
          yield column.getBinary().toStringUsingUTF8();
        }
        throw unreadable(type, file);
      }
      default -> throw unreadable(type, file);
    };
  }

  private static PushException unreadable(PrimitiveType type, Path file) {
    return new PushException("column " + type.getName() + " of " + file + " has the Parquet type " + type
        + ", which Parity cannot read");
  }

  private static PushRows csv(Path file, Map<String, DataType> types) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvRecords records = new CsvRecords(in, file);
      List<String> header = records.next();
      if (header == null) {
        throw new PushException(file + " is empty: expected a header line naming the columns");
      }
      Map<String, List<Object>> columns = new LinkedHashMap<>();
      for (String name : header) {
        if (columns.put(name.strip(), new ArrayList<>()) != null) {
          throw new PushException(file + " names column " + name + " twice");
        }
      }
      List<String> names = List.copyOf(columns.keySet());
      for (List<String> record = records.next(); record != null; record = records.next()) {
        if (record.size() == 1 && record.get(0).isEmpty() && !records.quoted(0)) {
          continue;
        }
        if (record.size() != names.size()) {
          throw new PushException(file + " line " + records.line() + ": " + record.size() + " fields, the header has "
              + names.size());
        }
        for (int c = 0; c < names.size(); c++) {
          String cell = record.get(c);
          columns.get(names.get(c)).add(cell.isEmpty() && !records.quoted(c) ? null
              : cell(cell, types.getOrDefault(names.get(c), DataType.STRING)));
        }
      }
      return new PushRows(columns);
    }
  }

  /** The cell as its column's type reads it; text that does not parse stays text, rejected with its row when pushed. */
  private static Object cell(String text, DataType type) {
    String trimmed = text.strip();
    return switch (type) {
      case INT64, FLOAT64 -> {
        if (type == DataType.FLOAT64 && (trimmed.equals("NaN") || trimmed.endsWith("Infinity") || trimmed.endsWith("inf"))) {
          yield trimmed.equals("NaN") ? Double.NaN : trimmed.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
          yield new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
          yield text;
        }
      }
      case BOOL -> trimmed.equalsIgnoreCase("true") ? Boolean.TRUE : trimmed.equalsIgnoreCase("false") ? Boolean.FALSE : text;
      case STRING, TIMESTAMP -> text;
    };
  }
}
