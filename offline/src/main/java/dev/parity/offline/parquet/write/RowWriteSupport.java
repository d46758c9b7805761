package dev.parity.offline.parquet.write;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Turns a {@link RowBuffer} into Parquet record events; the schema is flat, one field a column. */
final class RowWriteSupport extends WriteSupport<RowBuffer> {
  private final MessageType schema;
  private final String[] names;
  private RecordConsumer consumer;

  RowWriteSupport(List<Column> columns) {
    this.schema = schemaOf(columns);
    this.names = columns.stream().map(Column::name).toArray(String[]::new);
  }

  static MessageType schemaOf(List<Column> columns) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Column column : columns) {
      Type.Repetition repetition =
          column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      Type field =
          switch (column.type()) {
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
            case FLOAT64 -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
            case BOOL -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                .as(LogicalTypeAnnotation.stringType())
                .named(column.name());
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
                .named(column.name());
          };
      message.addField(field);
    }
    return message.named("parity");
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, Map.of());
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(schema, Map.of());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(RowBuffer row) {
    consumer.startMessage();
    for (int i = 0; i < names.length; i++) {
      if (row.nulls[i]) {
        continue;
      }
      consumer.startField(names[i], i);
      switch (row.types[i]) {
        case INT64, TIMESTAMP -> consumer.addLong(row.longs[i]);
        case FLOAT64 -> consumer.addDouble(row.doubles[i]);
        case BOOL -> consumer.addBoolean(row.longs[i] != 0);
        case STRING -> consumer.addBinary(Binary.fromString(row.strings[i]));
      }
      consumer.endField(names[i], i);
    }
    consumer.endMessage();
  }
}
