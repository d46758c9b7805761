package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where rows of events come from.
 *
 * @param name identifier, unique among sources
 * @param format file format
 * @param path file, directory or glob relative to the repository root (normalized: {@code ./a/b}
 *     and {@code a/b} are the same source)
 * @param timestampColumn event time column
 * @param createdTimestampColumn optional creation time column (tie-break and as-of retrieval)
 * @param schema declared column types, in declaration order; empty when not declared (required for
 *     CSV, optional for Parquet whose files carry their schema)
 */
public record Source(
    String name,
    SourceFormat format,
    String path,
    String timestampColumn,
    Optional<String> createdTimestampColumn,
    Map<String, SourceColumnType> schema) {

  public Source {
    Names.requireIdentifier(name, "source name");
    requireNonNull(format, "format is null");
    path = normalizePath(requireNonNull(path, "path is null"));
    Names.requireIdentifier(timestampColumn, "timestamp column");
    requireNonNull(createdTimestampColumn, "createdTimestampColumn is null");
    createdTimestampColumn.ifPresent(c -> Names.requireIdentifier(c, "created timestamp column"));
    requireNonNull(schema, "schema is null");
    Map<String, SourceColumnType> copy = new LinkedHashMap<>();
    schema.forEach(
        (column, type) -> copy.put(requireNonNull(column, "schema column is null"), requireNonNull(type, "type of " + column)));
    schema = Collections.unmodifiableMap(copy);
    if (format == SourceFormat.CSV && schema.isEmpty()) {
      throw new IllegalArgumentException("csv source '" + name + "' needs a declared schema");
    }
  }

  /**
   * Normalizes a repository-relative path.
   *
   * @throws IllegalArgumentException if it is blank or absolute
   */
  public static String normalizePath(String path) {
    if (path.isBlank()) {
      throw new IllegalArgumentException("source path is empty");
    }
    if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:[\\\\/].*")) {
      throw new IllegalArgumentException("source path '" + path + "' must be relative to the repository");
    }
    String normalized = Path.of(path).normalize().toString().replace('\\', '/');
    return normalized.isEmpty() ? "." : normalized;
  }

  /** Resolves {@link #path()} against the repository root. */
  public Path resolve(Path repositoryRoot) {
    return repositoryRoot.resolve(path);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Mutable builder of {@link Source}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private SourceFormat format = SourceFormat.PARQUET;
    private String path;
    private String timestampColumn;
    private String createdTimestampColumn;
    private final Map<String, SourceColumnType> schema = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder format(SourceFormat format) {
      this.format = format;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder timestampColumn(String column) {
      this.timestampColumn = column;
      return this;
    }

    public Builder createdTimestampColumn(String column) {
      this.createdTimestampColumn = column;
      return this;
    }

    /** Declares one schema column. */
    public Builder column(String column, SourceColumnType type) {
      schema.put(column, type);
      return this;
    }

    /** @throws IllegalArgumentException if the source is invalid on its own */
    public Source build() {
      return new Source(name, format, path, timestampColumn, Optional.ofNullable(createdTimestampColumn), schema);
    }
  }
}
