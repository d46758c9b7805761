package dev.parity.server.core;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.OnlineConfig;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.work.WorkFolder;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.registry.Registry;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.server.db.RegistryPool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores of one feature repository, each opened on first use and closed (in reverse order of
 * opening) by {@link #close()}: the registry database, the online store, and the offline engine
 * with the {@link RootAllocator} it owns. Offline runs spill under {@code offline.path/tmp}, each
 * in a working folder of its own that the next run removes if the process dies ({@link
 * WorkFolder}).
 *
 * <p>Thread-safe: the stores are shared by all callers; opening is synchronized.
 */
public final class RepositoryStores implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RepositoryStores.class);
  private final FeatureRepository repository;
  private final Clock clock;
  private final java.time.Duration expiryGrace;
  private final UnaryOperator<OfflineOptions> offlineTuning;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private RegistryDatabase database;
  private Registry registry;
  private MetadataStore metadata;
  private OnlineStore online;
  private BufferAllocator allocator;
  private OfflineEngine engine;
  private boolean closed;

  RepositoryStores(FeatureRepository repository, Clock clock, java.time.Duration expiryGrace,
      UnaryOperator<OfflineOptions> offlineTuning) {
    this.repository = repository;
    this.clock = clock;
    this.expiryGrace = expiryGrace;
    this.offlineTuning = offlineTuning;
  }

  /** The repository these stores belong to. */
  public FeatureRepository repository() {
    return repository;
  }

  /** The clock of records, value ages and validation. */
  public Clock clock() {
    return clock;
  }

  /**
   * How long after {@code event_time + ttl} Redis keeps the values written through {@link
   * #online()} ({@link OnlineStoreSettings#expiryGrace()}): a Spark materialization's executors
   * write with the same.
   */
  public java.time.Duration expiryGrace() {
    return expiryGrace;
  }

  /**
   * The registry database, opened now if not yet.
   *
   * @throws dev.parity.registry.RegistryUnavailableException if it cannot be reached
   */
  public synchronized RegistryDatabase database() {
    checkOpen();
    if (database == null) {
      database = RegistryDatabase.open(repository.config().registryUrl(), repository.root(), RegistryPool.unmetered());
      opened.push(database);
    }
    return database;
  }

  /** The definition registry: one instance, opened with the database on first use. */
  public synchronized Registry registry() {
    checkOpen();
    if (registry == null) {
      registry = database().registry(clock);
    }
    return registry;
  }

  /**
   * The metadata store: one instance for the life of these stores, so that the runs every
   * service started through it are "its own" runs ({@link MetadataStore#interruptOwnRuns}) and a
   * shutdown can mark those still running interrupted. When it is opened, runs left {@code
   * RUNNING} by processes of this host that are gone (killed, crashed) are marked {@code
   * INTERRUPTED} ({@link MetadataStore#interruptRunsOfDeadProcesses}), with a warning: so the
   * next command after a crash sets the record straight.
   */
  public synchronized MetadataStore metadata() {
    checkOpen();
    if (metadata == null) {
      MetadataStore opened = database().metadata(clock);
      int interrupted = opened.interruptRunsOfDeadProcesses();
      if (interrupted > 0) {
        LOG.warn("Marked {} run(s) interrupted: the process running them is gone", interrupted);
      }
      metadata = opened;
    }
    return metadata;
  }

  /**
   * The online store of {@code online.redis} or {@code online.cluster}, keys prefixed by the
   * project; value ages are decided with the clock.
   *
   * @throws dev.parity.online.OnlineStoreUnavailableException if a cluster's nodes cannot be reached
   */
  public synchronized OnlineStore online() {
    checkOpen();
    if (online == null) {
      OnlineConfig config = repository.config().online();
      RedisConnectionConfig connection = config.isCluster()
          ? RedisConnectionConfig.cluster(config.cluster())
          : RedisConnectionConfig.standalone(config.redis().orElseThrow());
      online = RedisOnlineStoreFactory.create(connection, OnlineStoreSettings.defaults(repository.config().project())
          .withExpiryGrace(expiryGrace),
          clock, Ticker.systemTicker());
      opened.push(online);
    }
    return online;
  }

  /** The embedded offline engine, with defaults and spill files under {@link #temporaryDirectory()}. */
  public synchronized OfflineEngine offline() {
    checkOpen();
    if (engine == null) {
      engine = OfflineEngine.embedded(allocator(), offlineOptions());
    }
    return engine;
  }

  /** The Arrow allocator offline runs allocate from, owned by these stores. */
  public synchronized BufferAllocator allocator() {
    checkOpen();
    if (allocator == null) {
      allocator = new RootAllocator();
      opened.push(allocator);
    }
    return allocator;
  }

  /** Options of offline runs: the engine's defaults with the temporary directory. */
  public OfflineOptions offlineOptions() {
    return offlineTuning.apply(OfflineOptions.defaults(temporaryDirectory()));
  }

  /** {@code offline.path} resolved against the repository. */
  public Path offlineDirectory() {
    return repository.config().offlineDirectory(repository.root());
  }

  /**
   * Where offline runs spill: {@code tmp} under {@link #offlineDirectory()}, in a working folder
   * per run ({@link WorkFolder}).
   */
  public Path temporaryDirectory() {
    return offlineDirectory().resolve("tmp");
  }

  /**
   * Removes the working folders under {@link #temporaryDirectory()} of processes that are gone,
   * and the temporary outputs they recorded ({@link WorkFolder#sweep}), logging what it removed
   * and what it could not. Every run does this when it starts; the server also at start.
   */
  public WorkFolder.Sweep removeDeadWorkFolders() {
    WorkFolder.Sweep sweep = WorkFolder.sweep(temporaryDirectory());
    if (!sweep.removed().isEmpty()) {
      LOG.warn("Removed {} working folder(s) of processes that are gone, with their temporary outputs: {}",
          sweep.removed().size(), sweep.removed());
    }
    sweep.failed().forEach((folder, e) -> LOG.warn("Could not remove working folder {} of a process that is gone: {}",
        folder, e.toString()));
    return sweep;
  }

  /**
   * Marks the runs started through {@link #metadata()} and still running {@code INTERRUPTED},
   * then closes what was opened, last first; every store is closed even if one fails (the first
   * failure is thrown, the others suppressed). Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    if (metadata != null) {
      // A safety net: the services finish their runs themselves, unless their thread was cut off.
      try {
        metadata.interruptOwnRuns("the stores were closed while the run was in progress");
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the stores of " + repository.root() + " are closed");
    }
  }
}
