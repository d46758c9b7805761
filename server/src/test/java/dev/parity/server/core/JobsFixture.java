package dev.parity.server.core;

import dev.parity.server.testing.SampleProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SampleProject} (project {@code jobs_...}) with a clock fixed at T = the end of the
 * sample data, so ttl checks online happen at T.
 */
final class JobsFixture extends SampleProject {
  static final Instant T = Instant.parse("2026-01-31T00:00:00Z");
  static final Instant BEFORE_DATA = Instant.parse("2025-12-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
  private static final AtomicInteger ENTITY_TABLES = new AtomicInteger();

  /** The repository under {@code directory}; {@code registryEnvironment} empty for the H2 file of parity.yaml. */
  JobsFixture(Path directory, Map<String, String> registryEnvironment) {
    super(directory, "jobs", registryEnvironment, CLOCK);
  }

  JobsFixture(Path directory) {
    this(directory, Map.of());
  }

  @Override
  public JobsFixture apply() {
    super.apply();
    return this;
  }

  /** A CSV entity table: one row per driver at {@code time}, with {@code val_to_add} = driver id mod 7. */
  Path entityTable(List<Long> drivers, Instant time) {
    StringBuilder csv = new StringBuilder("driver_id,event_timestamp,val_to_add\n");
    drivers.forEach(d -> csv.append(d).append(',').append(time).append(',').append(d % 7).append('\n'));
    Path file = root.resolve("entities-" + ENTITY_TABLES.incrementAndGet() + ".csv");
    try {
      Files.writeString(file, csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
