package dev.parity.offline.parquet.read;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.Source;
import dev.parity.definitions.SourceColumnType;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.SourceSchema;
import dev.parity.definitions.SourceSchemaResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import dev.parity.offline.schema.SourceFiles;
import dev.parity.offline.schema.SourceSchemaException;

/**
 * Reads the schema of a Parquet source from the footers of its files ({@link SourceFiles}), so a
 * definition loader can check feature columns and types against real data without a declared
 * {@code schema:}. Every file must have the same columns with the same types (nullability may
 * differ); the first file in source order is the reference, except that a file lacking the
 * source's timestamp column is the one blamed.
 *
 * <p>Only footers are read, never row data: a few reads per file. Thread-safe and stateless.
 */
public final class ParquetSchemaResolver implements SourceSchemaResolver {

  /**
   * The schema of {@code source}'s files; empty for a CSV source (whose schema is declared) and
   * when its path names no file yet.
   *
   * @throws SourceSchemaException naming the file, when a file is not readable Parquet, has a
   *     timestamp column without time zone ({@code isAdjustedToUTC=false}), lacks the source's
   *     timestamp or created-timestamp column that another file has, or differs from the first file
   */
  @Override
  public Optional<SourceSchema> resolve(Source source, Path repositoryRoot) {
    requireNonNull(source, "source is null");
    requireNonNull(repositoryRoot, "repositoryRoot is null");
    if (source.format() != SourceFormat.PARQUET) {
      return Optional.empty();
    }
    Path root = repositoryRoot.toAbsolutePath().normalize();
    List<Path> files = SourceFiles.list(root, source.path());
    if (files.isEmpty()) {
      return Optional.empty();
    }
    List<SourceSchema> schemas = new ArrayList<>();
    for (Path file : files) {
      schemas.add(read(root, file));
    }
    requireTimeColumn(root, source, files, schemas, source.timestampColumn(), "timestamp");
    source.createdTimestampColumn().ifPresent(c -> requireTimeColumn(root, source, files, schemas, c, "created_timestamp"));
    SourceSchema reference = schemas.get(0);
    for (int f = 1; f < files.size(); f++) {
      if (!schemas.get(f).columns().equals(reference.columns())) {
        throw new SourceSchemaException(display(root, files.get(f)) + " does not have the columns of "
            + display(root, files.get(0)) + ": " + differences(reference, schemas.get(f)));
      }
    }
    return Optional.of(reference);
  }

  /**
   * Names the file that lacks a time column the source declares while another file has it. The
   * first file is the reference the others are compared with: without this, a first file without
   * the column made the second one, which has it, the file blamed (for an "extra column"). When no
   * file has it, the definition loader reports the source's timestamp key instead.
   */
  private static void requireTimeColumn(Path root, Source source, List<Path> files, List<SourceSchema> schemas,
      String column, String key) {
    int having = 0;
    while (having < files.size() && schemas.get(having).column(column).isEmpty()) {
      having++;
    }
    if (having == files.size()) {
      return;
    }
    for (int f = 0; f < files.size(); f++) {
      if (schemas.get(f).column(column).isEmpty()) {
        throw new SourceSchemaException(display(root, files.get(f)) + " has no column '" + column + "', the "
            + key + " column of source '" + source.name() + "' (" + display(root, files.get(having)) + " has it)");
      }
    }
  }

  /**
   * The schema in the footer of one Parquet file.
   *
   * @throws SourceSchemaException as for {@link #resolve}
   */
  public SourceSchema read(Path repositoryRoot, Path file) {
    MessageType message;
    ParquetReadOptions options = ParquetCodecs.readOptions();
    try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(file), options)) {
      message = reader.getFooter().getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      // parquet-java reports corrupt footers as RuntimeExceptions of its own as well as IOExceptions.
      throw new SourceSchemaException(display(repositoryRoot, file) + " is not a readable Parquet file: "
          + ParquetDamage.reason(e), e);
    }
    Map<String, SourceColumnType> columns = new LinkedHashMap<>();
    for (Type field : message.getFields()) {
      SourceColumnType type = ParquetColumnTypes.of(field).orElseThrow(() -> new SourceSchemaException(
          "column '" + field.getName() + "' of " + display(repositoryRoot, file)
              + " is a timestamp without time zone (isAdjustedToUTC=false); Parity reads instants: "
              + "write it as a UTC timestamp"));
      columns.put(field.getName(), type);
    }
    return new SourceSchema(columns);
  }

  private static String differences(SourceSchema expected, SourceSchema actual) {
    List<String> differences = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(expected.columns().keySet());
    names.addAll(actual.columns().keySet());
    for (String name : names) {
      Optional<SourceColumnType> want = expected.column(name);
      Optional<SourceColumnType> have = actual.column(name);
      if (want.isEmpty()) {
        differences.add("extra column '" + name + "' (" + have.get() + ")");
      } else if (have.isEmpty()) {
        differences.add("no column '" + name + "'");
      } else if (want.get() != have.get()) {
        differences.add("column '" + name + "' is " + have.get() + ", not " + want.get());
      }
    }
    return String.join(", ", differences);
  }

  private static String display(Path root, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return (absolute.startsWith(root) ? root.relativize(absolute) : absolute).toString().replace('\\', '/');
  }
}
