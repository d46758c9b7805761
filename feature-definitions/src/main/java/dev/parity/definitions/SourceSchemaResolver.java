package dev.parity.definitions;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the schema of a source that does not declare one (Parquet files carry theirs). The
 * offline module implements this by reading Parquet footers; this module has no Parquet.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SourceSchemaResolver {
  /**
   * The schema of {@code source}, or empty if it cannot be known now (e.g. no files yet).
   *
   * @throws dev.parity.ParityException if the source's files exist but cannot be read; reported as
   *     a definition error at the source's path
   */
  Optional<SourceSchema> resolve(Source source, Path repositoryRoot);

  /** Resolves nothing: only declared schemas are known. */
  static SourceSchemaResolver none() {
    return (source, root) -> Optional.empty();
  }

  /**
   * The declared {@code schema:} of the source if it has one (always for CSV), else what {@code
   * fallback} resolves.
   */
  static SourceSchemaResolver declaredOr(SourceSchemaResolver fallback) {
    return (source, root) ->
        source.schema().isEmpty() ? fallback.resolve(source, root) : Optional.of(new SourceSchema(source.schema()));
  }
}
