package dev.parity.server.triggers;

import dev.parity.registry.metadata.MetadataStore;
import java.time.Instant;
import java.util.Optional;

/**
 * A feature view's watermark as the registry records it: the newest event time its data reaches,
 * the later of its push watermark (the newest event time a push wrote to it) and the end of its
 * last successful materialization. Read from the registry at each look, so every server sharing it
 * and a restarted one see the same watermark. Stateless.
 */
final class WatermarkWatch {
  /** A watermark and what moved it there: {@code push} or {@code materialization}. */
  record Mark(Instant at, String movedBy) {
    /** How a firing key and the trigger's state write it. */
    String key() {
      return at.toString();
    }
  }

  private final MetadataStore metadata;

  WatermarkWatch(MetadataStore metadata) {
    this.metadata = metadata;
  }

  /** The view's watermark; empty if it was never pushed to nor materialized. */
  Optional<Mark> current(String project, String view) {
    Optional<Instant> pushed = Optional.ofNullable(metadata.pushWatermarks(project).get(view));
    Optional<Instant> materialized = Optional.ofNullable(metadata.lastSuccessfulMaterializationEnds(project).get(view));
    if (pushed.isPresent() && (materialized.isEmpty() || pushed.get().isAfter(materialized.get()))) {
      return Optional.of(new Mark(pushed.get(), "push"));
    }
    return materialized.map(at -> new Mark(at, "materialization"));
  }
}
