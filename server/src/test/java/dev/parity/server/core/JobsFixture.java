package dev.parity.server.core;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.offline.schema.ParquetSchemaResolver;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.testing.SampleRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A copy of {@code examples/drivers} with generated data, its own project (so tests sharing the
 * test Redis never see each other's keys), the test Redis through {@code PARITY_REDIS_URL}, and a
 * clock fixed at T = the end of the sample data, so ttl checks online happen at T.
 */
final class JobsFixture implements AutoCloseable {
  static final Instant T = Instant.parse("2026-01-31T00:00:00Z");
  static final Instant BEFORE_DATA = Instant.parse("2025-12-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
  /** Redis expires by its wall clock, long after T: keep values of the sample data's time. */
  static final java.time.Duration GRACE = java.time.Duration.ofDays(3650);
  private static final AtomicInteger PROJECTS = new AtomicInteger();

  final Path root;
  final String project;
  final RepositoryService repositories;
  private RepositoryStores stores;

  /** The repository under {@code directory}; {@code registryUrl} empty for the H2 file of parity.yaml. */
  JobsFixture(Path directory, Map<String, String> registryEnvironment) {
    root = SampleRepository.create(directory);
    project = "jobs_" + ProcessHandle.current().pid() + "_" + PROJECTS.incrementAndGet();
    SampleRepository.edit(root, "parity.yaml", "project: default", "project: " + project);
    Map<String, String> environment = new HashMap<>(registryEnvironment);
    environment.put(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
    repositories = new RepositoryService(new ParquetSchemaResolver(), environment, CLOCK);
  }

  JobsFixture(Path directory) {
    this(directory, Map.of());
  }

  /** Applies the repository as it is now. */
  JobsFixture apply() {
    repositories.apply(root);
    return this;
  }

  /** The repository as it is now on disk. */
  FeatureRepository load() {
    return repositories.load(root);
  }

  /** Stores of the repository as loaded now (closing those of an earlier call). */
  RepositoryStores stores() {
    if (stores != null) {
      stores.close();
    }
    stores = new StoreFactory(CLOCK, GRACE).open(load());
    return stores;
  }

  /** A CSV entity table: one row per driver at {@code time}, with {@code val_to_add} = driver id mod 7. */
  Path entityTable(List<Long> drivers, Instant time) {
    StringBuilder csv = new StringBuilder("driver_id,event_timestamp,val_to_add\n");
    drivers.forEach(d -> csv.append(d).append(',').append(time).append(',').append(d % 7).append('\n'));
    Path file = root.resolve("entities-" + PROJECTS.incrementAndGet() + ".csv");
    try {
      Files.writeString(file, csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    if (stores != null) {
      stores.close();
    }
  }
}
