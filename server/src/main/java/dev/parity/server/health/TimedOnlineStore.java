package dev.parity.server.health;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.parity.online.EntityRow;
import dev.parity.online.OnlineLookup;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreUnavailableException;
import dev.parity.online.OnlineView;
import dev.parity.online.ViewRequest;
import dev.parity.online.WriteResult;
import java.util.List;

/**
 * An {@link OnlineStore} that times each read and write (metrics {@code parity.redis.read},
 * {@code parity.redis.write}) and counts unavailability ({@code parity.redis.unavailable}).
 * Thread-safe as the store it wraps; closing it closes that store.
 */
public final class TimedOnlineStore implements OnlineStore {
  private final OnlineStore store;
  private final Timer reads;
  private final Timer writes;
  private final Meter unavailable;

  public TimedOnlineStore(OnlineStore store, MetricRegistry metrics) {
    this.store = requireNonNull(store, "store is null");
    this.reads = metrics.timer("parity.redis.read");
    this.writes = metrics.timer("parity.redis.write");
    this.unavailable = metrics.meter("parity.redis.unavailable");
  }

  @Override
  public WriteResult write(OnlineView view, List<OnlineRow> rows) {
    try (Timer.Context ignored = writes.time()) {
      return store.write(view, rows);
    } catch (OnlineStoreUnavailableException e) {
      unavailable.mark();
      throw e;
    }
  }

  @Override
  public OnlineLookup read(List<EntityRow> entities, List<ViewRequest> views) {
    try (Timer.Context ignored = reads.time()) {
      return store.read(entities, views);
    } catch (OnlineStoreUnavailableException e) {
      unavailable.mark();
      throw e;
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
