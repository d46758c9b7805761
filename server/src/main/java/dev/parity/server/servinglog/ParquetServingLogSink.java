package dev.parity.server.servinglog;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.parquet.write.DataWriteException;
import dev.parity.offline.parquet.write.ParquetCompression;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.online.servinglog.ServedSchema;
import dev.parity.online.servinglog.ServingLogEntry;
import dev.parity.online.servinglog.ServingLogSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes serving log entries as Parquet files in the offline store:
 *
 * <pre>
 * &lt;offline root&gt;/serving_log/&lt;service, or "features" for feature lists&gt;/date=YYYY-MM-DD/
 *     part-&lt;yyyyMMdd'T'HHmmssSSS'Z'&gt;-&lt;writer id&gt;-&lt;seq&gt;.parquet
 * </pre>
 *
 * <p>One file holds the entries of one {@link ServedSchema} (a service at one version, or one
 * feature list) and one UTC date of request time, in the wide layout of {@link LogFile}: {@code
 * request_id}, {@code request_time}, {@code service_version}, the join keys, the request data
 * fields, {@code <view>__view_version}, and per feature {@code view__feature}, {@code view__feature__status},
 * {@code view__feature__event_timestamp}. A file is written to a hidden temporary file and
 * appears in one atomic rename when committed: when it reaches the row limit, when it is older
 * than the age limit (checked on each write and {@link #tick()}), when a newer version of its
 * service is logged, when more files are open than allowed (the least recently written one), and
 * on {@link #close()}. Readers of the directory never see a partial file. The writer id (random
 * per sink) keeps servers sharing one offline store from replacing each other's files.
 *
 * <p>If a write or commit fails, the open file it hit is discarded (its rows are lost) and the
 * exception propagates, so the logger counts the batch as failed. Not thread-safe: a {@link
 * dev.parity.online.servinglog.ServingLogger} calls it from its one writer thread.
 */
public final class ParquetServingLogSink implements ServingLogSink {
  /** The feature-list directory under {@code serving_log}. */
  public static final String FEATURE_LISTS = "features";

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * How files are rolled and laid out.
   *
   * @param maxRowsPerFile rows after which a file is committed
   * @param maxFileAge age after which a file is committed, so entries become readable soon enough
   * @param maxOpenFiles files open at once (memory: about one row group each)
   * @param options Parquet compression and row groups
   */
  public record Settings(long maxRowsPerFile, Duration maxFileAge, int maxOpenFiles, ParquetWriteOptions options) {
    /**
     * @throws IllegalArgumentException a limit that is not positive, naming it
     */
    public Settings {
      requireNonNull(maxFileAge, "max file age is null");
      requireNonNull(options, "Parquet options are null");
      if (maxRowsPerFile < 1) {
        throw new IllegalArgumentException("serving log max rows per file must be positive: " + maxRowsPerFile);
      }
      if (maxFileAge.isNegative() || maxFileAge.isZero()) {
        throw new IllegalArgumentException("serving log max file age must be positive: " + maxFileAge);
      }
      if (maxOpenFiles < 1) {
        throw new IllegalArgumentException("serving log max open files must be positive: " + maxOpenFiles);
      }
    }

    /** 1M rows or 10 minutes per file, 8 open files, zstd with 8 MiB row groups. */
    public static Settings defaults() {
      return new Settings(1_000_000, Duration.ofMinutes(10), 8,
          new ParquetWriteOptions(ParquetCompression.ZSTD, 8L * 1024 * 1024, 1_000_000));
    }

    public Settings withMaxRowsPerFile(long value) {
      return new Settings(value, maxFileAge, maxOpenFiles, options);
    }

    public Settings withMaxFileAge(Duration value) {
      return new Settings(maxRowsPerFile, value, maxOpenFiles, options);
    }
  }

  /** The files are per schema and request date. */
  private record FileKey(ServedSchema schema, LocalDate date) {}

  private final Path root;
  private final Settings settings;
  private final Clock clock;
  private final String writerId = String.format("%08x", ThreadLocalRandom.current().nextInt());
  // Access order: the first entry is the least recently written file.
  private final Map<FileKey, LogFile> open = new LinkedHashMap<>(16, 0.75f, true);
  private long sequence;

  private ParquetServingLogSink(Path root, Settings settings, Clock clock) {
    this.root = root;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * A sink writing under {@code <offlineRoot>/serving_log}, with file times and ages read from
   * {@code clock}. Nothing is created until the first entry.
   */
  public static ParquetServingLogSink create(Path offlineRoot, Settings settings, Clock clock) {
    requireNonNull(offlineRoot, "offline root is null");
    requireNonNull(settings, "settings are null");
    requireNonNull(clock, "clock is null");
    return new ParquetServingLogSink(offlineRoot.resolve("serving_log"), settings, clock);
  }

  /** The directory of the log of {@code service} (or of feature lists, for empty). */
  public static Path directory(Path offlineRoot, String service) {
    return offlineRoot.resolve("serving_log").resolve(service == null ? FEATURE_LISTS : service);
  }

  /**
   * @throws DataWriteException a file could not be written or committed (its rows are lost)
   * @throws IllegalArgumentException a schema whose layout repeats a column name
   */
  @Override
  public void write(List<ServingLogEntry> entries) {
    requireNonNull(entries, "entries are null");
    for (ServingLogEntry entry : entries) {
      FileKey key = new FileKey(entry.schema(), LocalDate.ofEpochDay(Math.floorDiv(entry.requestTimeMicros(),
          86_400_000_000L)));
      LogFile file = open.get(key);
      if (file == null) {
        file = openFile(key);
      }
      try {
        file.append(entry);
      } catch (RuntimeException e) {
        open.remove(key);
        discard(file, e);
        throw e;
      }
      if (file.rows() >= settings.maxRowsPerFile()) {
        commit(key);
      }
    }
    tick();
  }

  /** Commits the files older than the age limit. */
  @Override
  public void tick() {
    long now = clock.millis();
    for (FileKey key : List.copyOf(open.keySet())) {
      if (now - open.get(key).openedMillis() >= settings.maxFileAge().toMillis()) {
        commit(key);
      }
    }
  }

  /**
   * Commits every open file.
   *
   * @throws DataWriteException some file could not be committed (the others are)
   */
  @Override
  public void close() {
    DataWriteException failure = null;
    for (FileKey key : List.copyOf(open.keySet())) {
      try {
        commit(key);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = new DataWriteException("cannot commit every serving log file", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private LogFile openFile(FileKey key) {
    ServedSchema schema = key.schema();
    // Another version of this service is over: publish its files now rather than at their age.
    if (schema.service().isPresent()) {
      for (FileKey other : List.copyOf(open.keySet())) {
        if (other.schema().service().equals(schema.service()) && !other.schema().equals(schema)) {
          commit(other);
        }
      }
    }
    if (open.size() >= settings.maxOpenFiles()) {
      commit(open.keySet().iterator().next());
    }
    Instant now = clock.instant();
    Path target = root.resolve(schema.service().orElse(FEATURE_LISTS)).resolve("date=" + key.date())
        .resolve(String.format("part-%s-%s-%06d.parquet", FILE_TIME.format(now), writerId, sequence++));
    LogFile file = LogFile.open(target, schema, settings.options(), now.toEpochMilli());
    open.put(key, file);
    return file;
  }

  private void commit(FileKey key) {
    LogFile file = open.remove(key);
    try (file) {
      file.commit();
    }
  }

  private static void discard(LogFile file, RuntimeException cause) {
    try {
      file.close();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
