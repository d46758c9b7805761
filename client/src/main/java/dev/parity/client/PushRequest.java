package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Rows to push to a source ({@code POST /push/{source}}), by column or by row (not both), checked
 * by the server against the source's columns and types; times may be {@link java.time.Instant}s.
 *
 * <pre>{@code
 * PushResult pushed = client.push("driver_stats")
 *     .column("driver_id", List.of(1001)).column("event_timestamp", List.of(Instant.now()))
 *     .column("conv_rate", List.of(0.5)).column("acc_rate", List.of(0.9))
 *     .column("avg_daily_trips", List.of(4)).column("vehicle_type", List.of("sedan"))
 *     .send();
 * }</pre>
 *
 * <p>Needs a {@code writer} token. A push online only is retried like a lookup (writes are
 * newer-wins, so a repeat changes nothing); one that appends offline is retried only when the
 * server cannot have received it. Not thread-safe.
 */
public final class PushRequest {
  private final Pushes pushes;
  private final String source;
  private final Map<String, List<Object>> columns = new LinkedHashMap<>();
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private PushTarget target = PushTarget.ONLINE;
  private Duration deadline;

  PushRequest(Pushes pushes, String source) {
    this.pushes = pushes;
    this.source = source;
  }

  /** The values of column {@code name}, one per row. */
  public PushRequest column(String name, List<?> values) {
    requireNonNull(name, "name is null");
    requireNonNull(values, "values are null");
    List<Object> checked = new ArrayList<>(values.size());
    for (Object value : values) {
      checked.add(JsonValues.checked(name, value));
    }
    columns.put(name, Collections.unmodifiableList(checked));
    return this;
  }

  /** One more row, column name to value; a column a row leaves out is null in it. */
  public PushRequest row(Map<String, ?> row) {
    requireNonNull(row, "row is null");
    Map<String, Object> checked = new LinkedHashMap<>();
    row.forEach((name, value) -> checked.put(requireNonNull(name, "a column name is null"),
        JsonValues.checked(name, value)));
    rows.add(checked);
    return this;
  }

  /** Where the rows go (default {@link PushTarget#ONLINE}). */
  public PushRequest to(PushTarget target) {
    this.target = requireNonNull(target, "target is null");
    return this;
  }

  /** This push's deadline instead of the client's batch timeout. */
  public PushRequest deadline(Duration deadline) {
    requireNonNull(deadline, "deadline is null");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the deadline must be positive, got " + deadline);
    }
    this.deadline = deadline;
    return this;
  }

  /**
   * Pushes and waits for the server's account.
   *
   * @throws BadRequestException a row the server refused (naming row and column), or rows given
   *     both by column and by row
   * @throws NotFoundException an unknown source
   */
  public PushResult send() {
    return Futures.await(pushes.send(source, columns(), target, deadline));
  }

  /** As {@link #send()}, without blocking; the future completes on the client's executor. */
  public CompletableFuture<PushResult> sendAsync() {
    Map<String, List<Object>> df;
    try {
      df = columns();
    } catch (ParityClientException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    return pushes.async(pushes.send(source, df, target, deadline));
  }

  private Map<String, List<Object>> columns() {
    if (!rows.isEmpty() && !columns.isEmpty()) {
      throw new BadRequestException("give the rows of a push by column or by row, not both", 0, null);
    }
    if (rows.isEmpty()) {
      if (columns.isEmpty()) {
        throw new BadRequestException("a push of no rows: give columns or rows", 0, null);
      }
      return new LinkedHashMap<>(columns);
    }
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(row -> names.addAll(row.keySet()));
    Map<String, List<Object>> df = new LinkedHashMap<>();
    for (String name : names) {
      List<Object> values = new ArrayList<>(rows.size());
      rows.forEach(row -> values.add(row.get(name)));
      df.put(name, values);
    }
    return df;
  }
}
