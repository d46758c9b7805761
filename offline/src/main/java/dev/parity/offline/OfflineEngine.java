package dev.parity.offline;

import org.apache.arrow.memory.BufferAllocator;
import dev.parity.offline.engine.ArrowOfflineEngine;
import dev.parity.offline.engine.EntityFiles;

/**
 * Computes point-in-time correct training sets and latest values from offline sources (docs/offline.md).
 * The embedded implementation ({@link #embedded}) reads Parquet and CSV into Arrow, spills
 * hash partitions to disk and joins them in parallel, so memory stays bounded whatever the input
 * size; another engine (Spark...) can implement the same interface.
 *
 * <p>Implementations are thread-safe: independent runs may proceed concurrently.
 */
public interface OfflineEngine {

  /**
   * Builds a training set: one output row per entity row, in input order, with the entity
   * table's columns followed by {@code view__feature} columns. The output file appears only when
   * the run succeeds.
   *
   * @throws MissingInputException if an input file or directory does not exist
   * @throws CorruptInputException if a file cannot be read as its format
   * @throws InputSchemaException if a column is missing, has the wrong type, or is a timestamp
   *     without time zone; or if an entity row has a null event time or a null join key (naming
   *     the file, the row and the column: an online lookup refuses a null key too)
   * @throws CsvParseException if a CSV value does not parse as its declared type
   * @throws OfflineException for other failures (spill I/O, interruption)
   */
  TrainingSetResult buildTrainingSet(TrainingSetRequest request, Progress progress);

  /**
   * As {@link #buildTrainingSet(TrainingSetRequest, Progress)}, with the request's entity table
   * already opened by the caller, who read its footers for checks of its own: an engine that reads
   * footers takes them from {@code entities} rather than reading them again. This default ignores
   * them.
   *
   * @param entities the table {@code request.entities()} names, opened; the embedded engine
   *     refuses another table ({@link IllegalArgumentException})
   */
  default TrainingSetResult buildTrainingSet(TrainingSetRequest request, EntityFiles entities, Progress progress) {
    return buildTrainingSet(request, progress);
  }

  /**
   * Delivers, in batches, the value each entity would get in a training set at {@code
   * request.end()}, computed by the same join as {@link #buildTrainingSet}, with the event time
   * (column {@value LatestValuesConsumer#EVENT_TIMESTAMP}) and, if the source has one, the created
   * time ({@value LatestValuesConsumer#CREATED_TIMESTAMP}) of the source row each entity's
   * point-in-time features come from: what an online store needs for newer-wins writes. Column
   * layout on {@link LatestValuesConsumer}.
   *
   * @return the source rows left out ({@link SkippedRows}): beyond {@code request.futureLimit()},
   *     or with a null key
   * @throws InputSchemaException if a key or feature of the view is named like one of the time
   *     columns
   * @throws OfflineException as for {@link #buildTrainingSet}, or if the consumer throws an
   *     unchecked exception that is not a {@link dev.parity.ParityException} (as cause); a
   *     consumer's {@code ParityException} (an online store outage, say) is thrown as it is
   */
  SkippedRows latestValues(LatestValuesRequest request, LatestValuesConsumer consumer, Progress progress);

  /**
   * The embedded Arrow/Parquet engine. Each run allocates from a child of {@code allocator},
   * bounded by {@link OfflineOptions#memoryLimitBytes()}, and closes it before returning; the
   * caller keeps ownership of {@code allocator}.
   */
  static OfflineEngine embedded(BufferAllocator allocator, OfflineOptions options) {
    return new ArrowOfflineEngine(allocator, options);
  }
}
