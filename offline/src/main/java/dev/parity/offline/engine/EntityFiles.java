package dev.parity.offline.engine;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.SourceFormat;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.EntityTable;
import dev.parity.offline.MissingInputException;
import dev.parity.offline.csv.CsvRecords;
import dev.parity.offline.parquet.read.ChannelInputFile;
import dev.parity.offline.schema.SourceFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;

/**
 * An entity table opened once for a training set: its files listed, and each Parquet file's footer
 * read and parsed at most once (when first needed) and then kept, so the training set's column
 * checks, its reference time ({@link #latestEventTime}) and the engine's run ({@link
 * dev.parity.offline.OfflineEngine#buildTrainingSet(dev.parity.offline.TrainingSetRequest,
 * EntityFiles, dev.parity.offline.Progress)}: schemas, row counts, time range, scans) all use the
 * same footers. A CSV table's first header is read once too. Thread-safe.
 */
public final class EntityFiles {
  private final Path location;
  private final List<Path> files;
  private final boolean csv;
  private final Function<Path, ? extends InputFile> opener;
  private final Map<Path, ParquetMetadata> footers = new HashMap<>();
  private List<String> csvHeader;

  private EntityFiles(Path location, List<Path> files, boolean csv, Function<Path, ? extends InputFile> opener) {
    this.location = location;
    this.files = files;
    this.csv = csv;
    this.opener = opener;
  }

  /**
   * Opens the entity table at {@code location}: a file, or a directory meaning every data file
   * below it; CSV if its first file's name ends in {@code .csv}, Parquet otherwise. Reads the
   * first file's footer (or CSV header).
   *
   * @throws MissingInputException if nothing exists at {@code location} or it holds no data file
   * @throws CorruptInputException if the first file's footer or header cannot be read
   */
  public static EntityFiles open(Path location) {
    return open(location, ChannelInputFile::new);
  }

  /**
   * As {@link #open(Path)}, reading every Parquet byte (footers and data) through {@code opener}:
   * lets a caller observe the reads.
   */
  public static EntityFiles open(Path location, Function<Path, ? extends InputFile> opener) {
    Path absolute = requireNonNull(location, "location is null").toAbsolutePath().normalize();
    requireNonNull(opener, "opener is null");
    if (!Files.exists(absolute)) {
      throw new MissingInputException(absolute, "no such file or directory");
    }
    List<Path> files = SourceFiles.list(absolute, ".");
    if (files.isEmpty()) {
      throw new MissingInputException(absolute, "directory holds no data files");
    }
    boolean csv = files.get(0).getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    EntityFiles opened = new EntityFiles(absolute, files, csv, opener);
    if (csv) {
      opened.csvHeader();
    } else {
      opened.footer(files.get(0));
    }
    return opened;
  }

  /** The table an engine request describes (its location resolved as sources are), not yet read. */
  static EntityFiles of(EntityTable table) {
    Path absolute = Path.of(table.location()).toAbsolutePath().normalize();
    return new EntityFiles(absolute, SourceFiles.resolve(table.location()), table.format() == SourceFormat.CSV,
        ChannelInputFile::new);
  }

  /** The table's location, absolute and normalized. */
  public Path location() {
    return location;
  }

  /** Its files, in lexicographic path order. */
  public List<Path> files() {
    return files;
  }

  /** Whether it is a CSV table. */
  public boolean csv() {
    return csv;
  }

  /**
   * The first file's columns in file order, each with the Parity type its values are read as:
   * Parquet as its footer says (after widening; empty if Parity cannot read it); CSV from {@code
   * csvTypes}, strings for columns not in it.
   */
  public Map<String, Optional<DataType>> columns(Map<String, DataType> csvTypes) {
    Map<String, Optional<DataType>> columns = new LinkedHashMap<>();
    if (csv) {
      csvHeader().forEach(name -> columns.put(name, Optional.of(csvTypes.getOrDefault(name, DataType.STRING))));
    } else {
      FileSchema schema = ParquetScanner.schema(files.get(0), footer(files.get(0)));
      schema.columns().forEach(name -> columns.put(name, schema.readable(name)));
    }
    return columns;
  }

  /**
   * The latest {@code event_timestamp} of the table from its Parquet footers' statistics (no data
   * is read): the time a training set's data must be fresh at.
   *
   * @return empty for a CSV table, or when a row group of some file has no statistics for the
   *     column (or has no such column)
   * @throws CorruptInputException if a footer cannot be read
   */
  public Optional<Instant> latestEventTime() {
    return eventTimes().map(EventTimes::latest);
  }

  /**
   * The earliest and latest {@code event_timestamp} of the table from its Parquet footers'
   * statistics (no data is read): the period a training set's rows come from.
   *
   * @return empty as for {@link #latestEventTime}
   * @throws CorruptInputException if a footer cannot be read
   */
  public Optional<EventTimes> eventTimes() {
    if (csv) {
      return Optional.empty();
    }
    return eventTimeBounds(new ParquetScanner(footers()), files)
        .filter(bounds -> bounds[0] <= bounds[1])
        .map(bounds -> new EventTimes(micros(bounds[0]), micros(bounds[1])));
  }

  /** The earliest and latest event time of a table. */
  public record EventTimes(Instant earliest, Instant latest) {
    public EventTimes {
      requireNonNull(earliest, "earliest is null");
      requireNonNull(latest, "latest is null");
    }
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Whether {@code table} names this table (same location and format). */
  boolean describes(EntityTable table) {
    return (table.format() == SourceFormat.CSV) == csv
        && Path.of(table.location()).toAbsolutePath().normalize().equals(location);
  }

  /** The scanner of this table's files: Parquet through the kept footers, CSV as {@code table} declares it. */
  TableScanner scanner(EntityTable table) {
    return csv ? new CsvScanner(table.csvColumns()) : new ParquetScanner(footers());
  }

  /** The smallest and greatest {@code event_timestamp} of {@code files}, if every file's metadata has them. */
  static Optional<long[]> eventTimeBounds(TableScanner scanner, List<Path> files) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Path file : files) {
      Optional<long[]> bounds = scanner.timeBounds(file, EntityTable.EVENT_TIMESTAMP);
      if (bounds.isEmpty()) {
        return Optional.empty();
      }
      min = Math.min(min, bounds.get()[0]);
      max = Math.max(max, bounds.get()[1]);
    }
    return Optional.of(new long[] {min, max});
  }

  private ParquetSource footers() {
    return new ParquetSource() {
      @Override
      public ParquetMetadata footer(Path file) {
        return EntityFiles.this.footer(file);
      }

      @Override
      public InputFile input(Path file) {
        return opener.apply(file);
      }
    };
  }

  /** The footer of {@code file}, read at the first call; a failed read is not kept. */
  private synchronized ParquetMetadata footer(Path file) {
    ParquetMetadata footer = footers.get(file);
    if (footer == null) {
      try {
        footer = ParquetSource.readFooter(file, opener.apply(file));
      } catch (IOException e) {
        throw CorruptInputException.parquet(file, "", e);
      }
      footers.put(file, footer);
    }
    return footer;
  }

  /**
   * The first CSV file's header line, read at the first call: comma separated, fields optionally
   * in double quotes.
   */
  private synchronized List<String> csvHeader() {
    if (csvHeader != null) {
      return csvHeader;
    }
    Path file = files.get(0);
    List<String> header;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.mark(1);
      if (in.read() != '\uFEFF') {
        in.reset();
      }
      header = new CsvRecords(in, file).next();
    } catch (IOException e) {
      throw new CorruptInputException(file, "cannot read CSV header: " + e.getMessage(), e);
    }
    if (header == null || header.size() == 1 && header.get(0).isEmpty()) {
      throw new CorruptInputException(file, "empty CSV file (no header line)", null);
    }
    csvHeader = List.copyOf(header);
    return csvHeader;
  }
}
