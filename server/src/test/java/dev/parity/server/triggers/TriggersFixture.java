package dev.parity.server.triggers;

import dev.parity.definitions.RepositoryConfig;
import dev.parity.online.testing.MutableClock;
import dev.parity.online.testing.TestRedis;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.registry.metadata.TriggerRunDetail;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.testing.InProcessCli;
import dev.parity.server.testing.SampleProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample repository with a {@code triggers.yaml}, a clock the test moves, and "servers": each a
 * trigger service and scheduler on stores of their own (as a server process has), running runs on
 * the calling thread so a {@code fire} or {@code tick} returns when its runs have ended.
 */
final class TriggersFixture extends SampleProject {
  /** The end of the sample data: validation's freshness rules hold for days after. */
  static final Instant T = Instant.parse("2026-01-31T00:00:00Z");
  static final String SECRET = "s3cr3t-hook-key";

  final MutableClock clock;
  private final Map<String, String> environment;
  private final List<RepositoryStores> opened = new ArrayList<>();

  private TriggersFixture(Path directory, Map<String, String> registryEnvironment, MutableClock clock) {
    super(directory, "triggers", registryEnvironment, clock);
    this.clock = clock;
    this.environment = registryEnvironment;
  }

  /** The sample repository under {@code directory} with {@code triggers} as its triggers.yaml, applied. */
  static TriggersFixture create(Path directory, Map<String, String> registryEnvironment, String triggers) {
    TriggersFixture fixture = new TriggersFixture(directory, registryEnvironment, new MutableClock(T));
    fixture.write(triggers);
    try {
      // A small entity table: runs of the scheduler tests build their sets quickly.
      Files.writeString(fixture.root.resolve("entities.csv"),
          "driver_id,event_timestamp,val_to_add\n1001," + T + ",1\n1002," + T + ",2\n1003," + T + ",3\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fixture.apply();
    return fixture;
  }

  void write(String triggers) {
    try {
      Files.writeString(root.resolve("triggers.yaml"), triggers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server: its own stores, trigger service and scheduler (a restart is a new one). */
  final class Server {
    final RepositoryStores stores;
    final TriggerService triggers;
    final TriggerScheduler scheduler;

    private Server() {
      stores = new StoreFactory(clock, GRACE).open(load());
      opened.add(stores);
      Hooks hooks = new Hooks(Map.of("HOOK_SECRET", SECRET), clock, duration -> { });
      TriggerRunner runner = new TriggerRunner(stores.metadata(), new TrainingSetService(stores), hooks, clock);
      var repository = stores.repository();
      triggers = new TriggerService(() -> repository, stores.registry(), stores.metadata(), runner, Runnable::run);
      scheduler = new TriggerScheduler(triggers, clock, Duration.ofMinutes(2));
    }

    MetadataStore metadata() {
      return stores.metadata();
    }

    TriggerRunDetail run(long id) {
      return metadata().triggerRunDetail(id).orElseThrow();
    }

    /** The runs of {@code trigger}, oldest first. */
    List<TriggerRun> runs(String trigger) {
      return metadata().triggerFirings(project, trigger, 1000).stream().filter(f -> f.runId().isPresent())
          .map(f -> metadata().triggerRun(f.runId().get()).orElseThrow())
          .sorted(java.util.Comparator.comparing(TriggerRun::id)).toList();
    }
  }

  Server server() {
    return new Server();
  }

  /**
   * Runs {@code parity ARGS} in-process as the launcher would, with this fixture's registry, the
   * test Redis, the hooks' secret as {@code HOOK_SECRET} and the fixture's clock (give {@code -r}).
   */
  InProcessCli.Result cli(String... args) {
    Map<String, String> variables = new HashMap<>(environment);
    variables.put(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
    variables.put("HOOK_SECRET", SECRET);
    return InProcessCli.run(variables, clock, args);
  }

  @Override
  public void close() {
    opened.forEach(RepositoryStores::close);
    super.close();
  }
}
