package dev.parity.offline.parquet.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.parity.definitions.DataType;
import dev.parity.definitions.DefinitionError;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.Source;
import dev.parity.definitions.SourceColumnType;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.SourceSchema;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.parity.offline.schema.SourceSchemaException;

class ParquetSchemaResolverTest {
  private static final List<Column> STATS = List.of(
      Column.required("driver_id", DataType.INT64),
      Column.required("event_timestamp", DataType.TIMESTAMP),
      Column.optional("conv_rate", DataType.FLOAT64),
      Column.optional("vehicle_type", DataType.STRING),
      Column.optional("active", DataType.BOOL));

  @TempDir Path root;
  private final ParquetSchemaResolver resolver = new ParquetSchemaResolver();

  @Test
  void readsTheColumnsOfAFileInFileOrder() {
    writeStats(root.resolve("data/stats.parquet"), STATS);

    Optional<SourceSchema> schema = resolver.resolve(source("data/stats.parquet"), root);

    assertThat(schema).isPresent();
    assertThat(schema.get().columns()).containsExactly(
        entry("driver_id", SourceColumnType.INT64),
        entry("event_timestamp", SourceColumnType.TIMESTAMP),
        entry("conv_rate", SourceColumnType.FLOAT64),
        entry("vehicle_type", SourceColumnType.STRING),
        entry("active", SourceColumnType.BOOL));
  }

  @Test
  void mapsNarrowPhysicalTypesAndMarksUnreadableOnes() throws IOException {
    writeWithSchema(root.resolve("data/narrow.parquet"), """
        message narrow {
          required int32 i8 (INTEGER(8,true));
          required int32 i16 (INTEGER(16,true));
          required int32 i32;
          required int32 u16 (INTEGER(16,false));
          required int64 u64 (INTEGER(64,false));
          required float f32;
          required int64 millis (TIMESTAMP(MILLIS,true));
          required int32 day (DATE);
          required binary amount (DECIMAL(10,2));
          required binary raw;
          required binary label (ENUM);
          required int96 legacy;
          optional group tags (LIST) { repeated group list { required binary element (STRING); } }
        }""");

    SourceSchema schema = resolver.resolve(source("data/narrow.parquet"), root).orElseThrow();

    assertThat(schema.columns()).containsExactly(
        entry("i8", SourceColumnType.INT8),
        entry("i16", SourceColumnType.INT16),
        entry("i32", SourceColumnType.INT32),
        entry("u16", SourceColumnType.INT32),
        entry("u64", SourceColumnType.BINARY),
        entry("f32", SourceColumnType.FLOAT32),
        entry("millis", SourceColumnType.TIMESTAMP),
        entry("day", SourceColumnType.DATE),
        entry("amount", SourceColumnType.DECIMAL),
        entry("raw", SourceColumnType.BINARY),
        entry("label", SourceColumnType.STRING),
        entry("legacy", SourceColumnType.BINARY),
        entry("tags", SourceColumnType.NESTED));
  }

  @Test
  void rejectsATimestampWithoutTimeZoneNamingColumnAndFile() throws IOException {
    writeWithSchema(root.resolve("data/local.parquet"),
        "message local { required int64 id; required int64 event_timestamp (TIMESTAMP(MICROS,false)); }");

    assertThatThrownBy(() -> resolver.resolve(source("data/local.parquet"), root))
        .isInstanceOf(SourceSchemaException.class)
        .hasMessageContaining("column 'event_timestamp' of data/local.parquet")
        .hasMessageContaining("isAdjustedToUTC=false");
  }

  @Test
  void readsEveryFileOfADirectoryAndSkipsHiddenAndMarkerFiles() throws IOException {
    writeStats(root.resolve("data/stats/part-0.parquet"), STATS);
    writeStats(root.resolve("data/stats/day=2/part-1.parquet"), STATS);
    // Not Parquet: reading any of them would fail the resolution.
    Files.writeString(root.resolve("data/stats/_SUCCESS"), "");
    Files.writeString(root.resolve("data/stats/.part-2.parquet.tmp"), "partial");
    Files.createDirectories(root.resolve("data/stats/_temporary"));
    Files.writeString(root.resolve("data/stats/_temporary/part-3.parquet"), "partial");

    assertThat(resolver.resolve(source("data/stats"), root)).map(SourceSchema::columns)
        .hasValueSatisfying(columns -> assertThat(columns).containsOnlyKeys(
            "driver_id", "event_timestamp", "conv_rate", "vehicle_type", "active"));
  }

  @Test
  void rejectsAFileWhoseColumnsDifferNamingItAndTheDifference() {
    writeStats(root.resolve("data/stats/part-0.parquet"), STATS);
    writeStats(root.resolve("data/stats/part-1.parquet"), List.of(
        Column.required("driver_id", DataType.INT64),
        Column.required("event_timestamp", DataType.TIMESTAMP),
        Column.optional("conv_rate", DataType.STRING),
        Column.optional("vehicle_type", DataType.STRING),
        Column.optional("extra", DataType.INT64)));

    assertThatThrownBy(() -> resolver.resolve(source("data/stats"), root))
        .isInstanceOf(SourceSchemaException.class)
        .hasMessage("data/stats/part-1.parquet does not have the columns of data/stats/part-0.parquet: "
            + "no column 'active', column 'conv_rate' is string, not float64, extra column 'extra' (int64)");
  }

  @Test
  void blamesTheFirstFileWhenItIsTheOneWithoutTheTimestampColumn() {
    writeStats(root.resolve("data/stats/part-0.parquet"),
        STATS.stream().filter(c -> !c.name().equals("event_timestamp")).toList());
    writeStats(root.resolve("data/stats/part-1.parquet"), STATS);
    writeStats(root.resolve("data/stats/part-2.parquet"), STATS);

    assertThatThrownBy(() -> resolver.resolve(source("data/stats"), root))
        .isInstanceOf(SourceSchemaException.class)
        .hasMessage("data/stats/part-0.parquet has no column 'event_timestamp', the timestamp column of source 'stats' "
            + "(data/stats/part-1.parquet has it)");
  }

  @Test
  void namesALaterFileWithoutTheCreatedTimestampColumn() {
    List<Column> created = new ArrayList<>(STATS);
    created.add(Column.optional("created", DataType.TIMESTAMP));
    writeStats(root.resolve("data/stats/part-0.parquet"), created);
    writeStats(root.resolve("data/stats/part-1.parquet"), STATS);
    Source source = Source.builder("stats").path("data/stats").timestampColumn("event_timestamp")
        .createdTimestampColumn("created").build();

    assertThatThrownBy(() -> resolver.resolve(source, root))
        .isInstanceOf(SourceSchemaException.class)
        .hasMessage("data/stats/part-1.parquet has no column 'created', the created_timestamp column of source 'stats' "
            + "(data/stats/part-0.parquet has it)");
  }

  @Test
  void acceptsFilesThatDifferOnlyInNullability() {
    writeStats(root.resolve("data/stats/part-0.parquet"), STATS);
    writeStats(root.resolve("data/stats/part-1.parquet"),
        STATS.stream().map(c -> Column.optional(c.name(), c.type())).toList());

    assertThat(resolver.resolve(source("data/stats"), root)).isPresent();
  }

  @Test
  void reportsACorruptFileByName() throws IOException {
    writeStats(root.resolve("data/stats/part-0.parquet"), STATS);
    Files.writeString(root.resolve("data/stats/part-1.parquet"), "not parquet at all");

    assertThatThrownBy(() -> resolver.resolve(source("data/stats"), root))
        .isInstanceOf(SourceSchemaException.class)
        .hasMessage("data/stats/part-1.parquet is not a readable Parquet file: no Parquet footer "
            + "(the file does not end with PAR1: not Parquet, or truncated)");
  }

  @Test
  void resolvesAGlobOverTheFilesItMatches() throws IOException {
    writeStats(root.resolve("data/trips/2026-01.parquet"), STATS);
    Files.writeString(root.resolve("data/trips/README.txt"), "not data");

    assertThat(resolver.resolve(source("data/trips/*.parquet"), root)).isPresent();
  }

  @Test
  void returnsEmptyWhenThePathMatchesNoFile() throws IOException {
    Files.createDirectories(root.resolve("data/empty"));

    assertThat(resolver.resolve(source("data/missing"), root)).isEmpty();
    assertThat(resolver.resolve(source("data/empty"), root)).isEmpty();
    assertThat(resolver.resolve(source("data/none/*.parquet"), root)).isEmpty();
  }

  @Test
  void leavesCsvSourcesToTheirDeclaredSchema() throws IOException {
    Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve("data/c.csv"), "id,event_timestamp\n");
    Source csv = Source.builder("c").format(SourceFormat.CSV).path("data/c.csv").timestampColumn("event_timestamp")
        .column("id", SourceColumnType.INT64).column("event_timestamp", SourceColumnType.TIMESTAMP).build();

    assertThat(resolver.resolve(csv, root)).isEmpty();
  }

  @Test
  void letsTheLoaderCheckFeaturesAgainstTheFiles() throws IOException {
    writeStats(root.resolve("data/stats/part-0.parquet"), STATS);
    Files.writeString(root.resolve("defs.yaml"), """
        entities:
          - { name: driver, join_keys: [driver_id] }
        sources:
          - { name: stats, path: data/stats, timestamp: event_timestamp }
        feature_views:
          - name: hourly
            entities: [driver]
            source: stats
            features:
              - { name: conv_rate, type: float64 }
              - { name: vehicle_type, type: int64 }
        """);
    RepositoryLoader loader = new RepositoryLoader(resolver, Map.of());

    assertThatThrownBy(() -> loader.load(root))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
            .extracting(DefinitionError::file, DefinitionError::line)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("defs.yaml", 11)))
        .hasMessageContaining("vehicle_type");

    Files.writeString(root.resolve("defs.yaml"), Files.readString(root.resolve("defs.yaml"))
        .replace("{ name: vehicle_type, type: int64 }", "{ name: vehicle_type, type: string }"));
    FeatureRepository repository = loader.load(root);
    assertThat(repository.sourceSchema("stats")).isPresent();
    assertThat(repository.featureType(new FeatureRef("hourly", "conv_rate"))).contains(DataType.FLOAT64);
  }

  @Test
  void turnsACorruptFileIntoADefinitionErrorAtTheSourcePath() throws IOException {
    Files.createDirectories(root.resolve("data/stats"));
    Files.writeString(root.resolve("data/stats/part-0.parquet"), "PAR1 broken");
    Files.writeString(root.resolve("defs.yaml"), """
        sources:
          - { name: stats, path: data/stats, timestamp: event_timestamp }
        """);

    assertThatThrownBy(() -> new RepositoryLoader(resolver, Map.of()).load(root))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          assertThat(e.errors()).hasSize(1);
          DefinitionError error = e.errors().get(0);
          assertThat(error.file()).isEqualTo("defs.yaml");
          assertThat(error.line()).isEqualTo(2);
          assertThat(error.message()).contains("data/stats/part-0.parquet is not a readable Parquet file");
        });
  }

  private static Source source(String path) {
    return Source.builder("stats").path(path).timestampColumn("event_timestamp").build();
  }

  private static void writeStats(Path file, List<Column> columns) {
    try (RowWriter out = ParquetFiles.create(file, columns, ParquetWriteOptions.defaults())) {
      for (int row = 0; row < 3; row++) {
        for (int c = 0; c < columns.size(); c++) {
          switch (columns.get(c).type()) {
            case INT64 -> out.setLong(c, 1001 + row);
            case TIMESTAMP -> out.setTimestamp(c, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * row));
            case FLOAT64 -> out.setDouble(c, 0.25 * row);
            case STRING -> out.setString(c, "sedan");
            case BOOL -> out.setBoolean(c, row % 2 == 0);
          }
        }
        out.endRow();
      }
      out.commit();
    }
  }

  /** Writes a file without rows whose footer has {@code schema} (types ParquetFiles never writes). */
  private static void writeWithSchema(Path file, String schema) throws IOException {
    Files.createDirectories(file.getParent());
    MessageType type = MessageTypeParser.parseMessageType(schema);
    try (ParquetWriter<org.apache.parquet.example.data.Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withType(type).withConf(new PlainParquetConfiguration()).build()) {
      assertThat(writer.getDataSize()).isZero();
    }
  }
}
