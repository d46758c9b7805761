package dev.parity.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs lookups: checks the columns, answers what it can from the near cache, asks the server
 * for the other rows in one request and puts the answer together in the order of the request.
 * Thread-safe.
 */
final class Lookups implements LookupBackend {
  static final String OPERATION = "lookup";
  static final String PATH = "/get-online-features";

  private final ClientCore core;
  private final NearCache cache;
  private final Clock clock;
  private final Executor executor;
  private final Duration deadline;
  private final Duration attemptTimeout;
  private final Duration hedgeDelay;
  private final DefaultsCache defaults;
  private final boolean degradeAll;

  /**
   * @param cache the near cache, or null for none; @param hedgeDelay null for no hedging
   * @param degradeAll whether every lookup degrades to the declared defaults, not only those asked to
   */
  Lookups(ClientCore core, NearCache cache, Clock clock, Executor executor, Duration deadline, Duration attemptTimeout,
      Duration hedgeDelay, DefaultsCache defaults, boolean degradeAll) {
    this.core = core;
    this.cache = cache;
    this.clock = clock;
    this.executor = executor;
    this.deadline = deadline;
    this.attemptTimeout = attemptTimeout;
    this.hedgeDelay = hedgeDelay;
    this.defaults = defaults;
    this.degradeAll = degradeAll;
  }

  @Override
  public OnlineFeatures get(LookupSpec spec) {
    return Futures.await(lookup(spec, true));
  }

  @Override
  public CompletableFuture<OnlineFeatures> getAsync(LookupSpec spec) {
    CompletableFuture<OnlineFeatures> lookup;
    try {
      lookup = lookup(spec, false);
    } catch (ParityClientException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    return Futures.on(lookup, executor);
  }

  /** @param callerWaits whether the calling thread waits for the answer ({@link #get}): the exchange may run on it */
  CompletableFuture<OnlineFeatures> lookup(LookupSpec spec, boolean callerWaits) {
    int rows = rowCount(spec);
    long started = core.ticker.read();
    CompletableFuture<OnlineFeatures> answer = served(spec, rows, callerWaits);
    if (!spec.degrade() && !degradeAll) {
      return answer;
    }
    CompletableFuture<OnlineFeatures> degradable = new CompletableFuture<>();
    answer.whenComplete((value, failure) -> {
      if (failure == null) {
        defaults.refreshIfDue(spec, value);
        degradable.complete(value);
      } else if (failure instanceof CancellationException) {
        degradable.cancel(false);
      } else {
        ParityClientException cause = Futures.unwrap(failure);
        OnlineFeatures degraded = unreachable(cause) ? defaults.degraded(spec, rows) : null;
        if (degraded != null) {
          core.listener.degradedToDefaults(OPERATION, Duration.ofNanos(core.ticker.read() - started), rows, cause);
          degradable.complete(degraded);
        } else {
          degradable.completeExceptionally(cause);
        }
      }
    });
    degradable.whenComplete((value, failure) -> {
      if (degradable.isCancelled()) {
        answer.cancel(false);
      }
    });
    return degradable;
  }

  /** The defaults the client knows for {@code spec}'s features, or null. */
  DeclaredDefaults knownDefaults(LookupSpec spec) {
    return defaults.known(spec);
  }

  /** The defaults the client knows for {@code spec}'s features, fetched now. */
  CompletableFuture<DeclaredDefaults> fetchDefaults(LookupSpec spec) {
    return defaults.fetch(spec);
  }

  /**
   * Whether {@code failure} means the server could not answer, as opposed to an answer saying the
   * request is wrong (400, 401/403, 404) or the server failed at it (500): only then may a lookup
   * degrade, so that a mistake is never masked by defaults.
   */
  private static boolean unreachable(ParityClientException failure) {
    return failure instanceof UnavailableException || failure instanceof DeadlineExceededException;
  }

  private CompletableFuture<OnlineFeatures> served(LookupSpec spec, int rows, boolean callerWaits) {
    if (cache == null || !spec.nearCache() || rows == 0) {
      return linked(fetch(spec, rows, callerWaits), answer -> done(answer.names(), answer.rows(), 0));
    }
    long started = core.ticker.read();
    String[] keys = new String[rows];
    RowData[] found = new RowData[rows];
    List<Integer> missing = new ArrayList<>();
    FeatureNames names = null;
    for (int row = 0; row < rows; row++) {
      keys[row] = key(spec, row);
      RowData cached = cache.get(keys[row]);
      if (cached != null && names == null) {
        names = cached.names();
      }
      if (cached == null || !cached.names().equals(names)) {
        missing.add(row);
      } else {
        found[row] = cached;
      }
    }
    core.listener.nearCache(rows - missing.size(), missing.size());
    if (missing.isEmpty()) {
      core.listener.callEnded(OPERATION, Duration.ofNanos(core.ticker.read() - started), 0, null);
      return CompletableFuture.completedFuture(done(names, Arrays.asList(found), rows));
    }
    FeatureNames cachedNames = names;
    LookupSpec asked = missing.size() == rows ? spec : subset(spec, missing);
    CompletableFuture<LookupJson.Answer> call = fetch(asked, missing.size(), callerWaits);
    CompletableFuture<OnlineFeatures> merged = call.thenCompose(answer -> {
      for (int i = 0; i < missing.size(); i++) {
        // Stored as of when the request was sent: the values are at least that fresh.
        cache.put(keys[missing.get(i)], answer.rows().get(i), started);
      }
      if (cachedNames != null && !cachedNames.equals(answer.names())) {
        // The definitions changed since the cached rows were stored: ask for every row.
        return fetch(spec, rows, false).thenApply(all -> done(all.names(), all.rows(), 0));
      }
      for (int i = 0; i < missing.size(); i++) {
        found[missing.get(i)] = answer.rows().get(i);
      }
      return CompletableFuture.completedFuture(done(answer.names(), Arrays.asList(found), rows - missing.size()));
    });
    merged.whenComplete((value, failure) -> {
      if (merged.isCancelled()) {
        call.cancel(false);
      }
    });
    return merged;
  }

  private OnlineFeatures done(FeatureNames names, List<RowData> rows, int cached) {
    return new OnlineFeatures(names, rows, clock.instant(), cached);
  }

  private CompletableFuture<LookupJson.Answer> fetch(LookupSpec spec, int rows, boolean callerWaits) {
    byte[] body = LookupJson.request(spec.featureService(), spec.features(), spec.entities(), spec.requestData(),
        spec.fullFeatureNames());
    Duration callDeadline = spec.deadline() != null ? spec.deadline() : deadline;
    long attempt = Math.min(attemptTimeout.toNanos(), callDeadline.toNanos());
    CallSpec call = new CallSpec(OPERATION, "POST", PATH, body, true, callDeadline.toNanos(), attempt,
        hedgeDelay == null ? 0 : hedgeDelay.toNanos());
    return core.call(call, bytes -> {
      LookupJson.Answer answer = LookupJson.answer(bytes);
      if (answer.rows().size() != rows) {
        throw new IOException(answer.rows().size() + " rows in the answer to a lookup of " + rows + " entity rows");
      }
      return answer;
    }, callerWaits);
  }

  /** A future mapped from {@code call}; cancelling it cancels the call. */
  private static <A, B> CompletableFuture<B> linked(CompletableFuture<A> call, java.util.function.Function<A, B> map) {
    CompletableFuture<B> mapped = call.thenApply(map);
    mapped.whenComplete((value, failure) -> {
      if (mapped.isCancelled()) {
        call.cancel(false);
      }
    });
    return mapped;
  }

  /** The number of entity rows: every column must have one value per row. */
  private static int rowCount(LookupSpec spec) {
    int rows = -1;
    String first = null;
    for (Map<String, List<Object>> columns : List.of(spec.entities(), spec.requestData())) {
      for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
        int size = column.getValue().size();
        if (rows < 0) {
          rows = size;
          first = column.getKey();
        } else if (size != rows) {
          throw new BadRequestException("column " + column.getKey() + " has " + size + (size == 1 ? " value" : " values")
              + " but " + first + " has " + rows + ": every column needs one value per entity row", 0, null);
        }
      }
    }
    return Math.max(rows, 0);
  }

  private static LookupSpec subset(LookupSpec spec, List<Integer> rows) {
    return new LookupSpec(spec.featureService(), spec.features(), subset(spec.entities(), rows),
        subset(spec.requestData(), rows), spec.fullFeatureNames(), spec.deadline(), spec.nearCache(), spec.degrade());
  }

  private static Map<String, List<Object>> subset(Map<String, List<Object>> columns, List<Integer> rows) {
    Map<String, List<Object>> subset = new LinkedHashMap<>();
    columns.forEach((name, values) -> {
      List<Object> picked = new ArrayList<>(rows.size());
      for (int row : rows) {
        picked.add(values.get(row));
      }
      subset.put(name, picked);
    });
    return subset;
  }

  /** What identifies an entity row's answer: the selection, the naming and the row's values, typed. */
  private static String key(LookupSpec spec, int row) {
    StringBuilder key = new StringBuilder(64);
    if (spec.featureService() != null) {
      key.append('s').append(spec.featureService());
    } else {
      key.append('f').append(String.join("\n", spec.features()));
    }
    key.append(spec.fullFeatureNames() ? "\nF" : "\nP");
    appendRow(key, 'e', spec.entities(), row);
    appendRow(key, 'r', spec.requestData(), row);
    return key.toString();
  }

  private static void appendRow(StringBuilder key, char kind, Map<String, List<Object>> columns, int row) {
    Map<String, List<Object>> sorted = columns.size() < 2 ? columns : new TreeMap<>(columns);
    sorted.forEach((name, values) -> {
      Object value = values.get(row);
      key.append('\n').append(kind).append(name).append('=');
      if (value == null) {
        key.append('N');
      } else if (value instanceof String s) {
        key.append('S').append(s.length()).append(':').append(s);
      } else {
        key.append(value.getClass().getSimpleName().charAt(0)).append(value);
      }
    });
  }
}
