package dev.parity.online.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.RequestField;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.online.EntityRow;
import dev.parity.online.FeatureValue;
import dev.parity.online.FeatureValue.Status;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineLookup;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineStore;
import dev.parity.online.ViewResult;
import dev.parity.online.serving.RequestPlan.Computed;
import dev.parity.online.serving.RequestPlan.KeyNeed;
import dev.parity.online.serving.RequestPlan.Output;
import dev.parity.online.serving.RequestPlan.Request;
import dev.parity.online.serving.RequestPlan.Slot;
import dev.parity.online.serving.RequestPlan.Step;
import dev.parity.online.serving.RequestPlan.Stored;
import dev.parity.online.servinglog.ServedFeature;
import dev.parity.online.servinglog.ServedSchema;
import dev.parity.online.servinglog.ServingLogger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link OnlineFeatureServer} over one repository. Thread-safe: the repository, descriptors and
 * plans are immutable, the plan cache is concurrent and per-request state lives on the stack.
 */
final class RepositoryFeatureServer implements OnlineFeatureServer {
  /** A count over no rows, as the offline path computes it; nothing was stored, so no event time. */
  private static final FeatureValue ZERO_COUNT = new FeatureValue(0L, Status.PRESENT, FeatureValue.NO_EVENT_TIME);

  /** Feature lists planned and kept; a service's clients send a handful, so this bounds only abuse. */
  static final int FEATURE_LIST_PLANS = 1_024;

  private final RequestPlanner planner;
  private final OnlineStore store;
  // The serving log, or null without one; then nothing below costs anything.
  private final ServingLog log;
  // Plans are immutable and the definitions are fixed for this server's life: plan each feature
  // service and each feature list once (planning cost as much as a one-entity Redis read).
  private final Map<String, Planned> services = new ConcurrentHashMap<>();
  private final Cache<List<String>, Planned> featureLists =
      Caffeine.newBuilder().maximumSize(FEATURE_LIST_PLANS).build();

  /** A plan, with its served schema when there is a serving log (else null). */
  private record Planned(RequestPlan plan, ServedSchema schema) {}

  /** A serving logger with what it takes to describe what was served. */
  record ServingLog(ServingLogger logger, Clock clock, FeatureRepository repository, RepositoryVersions versions) {}

  RepositoryFeatureServer(FeatureRepository repository, OnlineViews views, OnlineStore store) {
    this(repository, views, store, null);
  }

  RepositoryFeatureServer(FeatureRepository repository, OnlineViews views, OnlineStore store, ServingLog log) {
    this.planner = new RequestPlanner(repository, views);
    this.store = store;
    this.log = log;
  }

  @Override
  public OnlineFeaturesResponse get(OnlineFeaturesRequest request) {
    // Stamped before the lookup: the store judges value ages at a time at or after it.
    Instant requestTime = log == null ? null : log.clock().instant();
    Planned planned = request.featureService().isPresent()
        ? services.computeIfAbsent(request.featureService().get(),
            s -> planned(Optional.of(s), planner.plan(FeatureSelector.service(s))))
        : featureLists.get(request.features(),
            features -> planned(Optional.empty(), planner.plan(FeatureSelector.features(features))));
    OnlineFeaturesResponse response = serve(request, planned.plan());
    if (log != null) {
      log.logger().log(planned.schema(), response, requestTime);
    }
    return response;
  }

  private Planned planned(Optional<String> service, RequestPlan plan) {
    return new Planned(plan, log == null ? null : servedSchema(service, plan));
  }

  /** What the response columns of {@code plan} are, with the definition versions they were served under. */
  private ServedSchema servedSchema(Optional<String> service, RequestPlan plan) {
    List<ServedFeature> features = new ArrayList<>(plan.outputs().size());
    for (Output output : plan.outputs()) {
      FeatureRef ref = output.ref();
      ObjectKind kind = log.repository().featureView(ref.view()).isPresent()
          ? ObjectKind.FEATURE_VIEW : ObjectKind.ON_DEMAND_FEATURE_VIEW;
      features.add(new ServedFeature(ref.view(), ref.feature(), log.repository().featureType(ref).orElseThrow(),
          log.versions().version(kind, ref.view())));
    }
    List<KeyColumn> keys = plan.joinKeys().stream().map(KeyNeed::key).toList();
    return service.isPresent()
        ? ServedSchema.ofService(service.get(), log.versions().version(ObjectKind.FEATURE_SERVICE, service.get()), keys,
            features)
        : ServedSchema.ofFeatures(keys, features);
  }

  private OnlineFeaturesResponse serve(OnlineFeaturesRequest request, RequestPlan plan) {
    plan.checkNames(request.fullFeatureNames());
    int rows = rowCount(request);
    Object[][] keys = keys(plan, request, rows);
    Map<String, Object[]> fields = requestData(plan, request, rows);
    OnlineLookup lookup = plan.views().isEmpty() || rows == 0 ? null : store.read(entityRows(plan, keys, rows), plan.views());
    FeatureValue[][] computed = compute(plan, lookup, fields, rows);

    List<String> names = new ArrayList<>();
    List<FeatureVector> results = new ArrayList<>();
    for (int k = 0; k < keys.length; k++) {
      names.add(plan.joinKeys().get(k).key().name());
      FeatureValue[] column = new FeatureValue[rows];
      for (int r = 0; r < rows; r++) {
        column[r] = new FeatureValue(keys[k][r], Status.PRESENT, FeatureValue.NO_EVENT_TIME);
      }
      results.add(new FeatureVector(List.of(column)));
    }
    for (Output output : plan.outputs()) {
      names.add(output.name(request.fullFeatureNames()));
      FeatureValue[] column = new FeatureValue[rows];
      if (output.slot() instanceof Stored stored && lookup != null) {
        // The common column: read straight from its view's result, without dispatching per row.
        ViewResult view = lookup.view(stored.view());
        for (int r = 0; r < rows; r++) {
          column[r] = stored(stored, view.value(r, stored.feature()));
        }
      } else {
        for (int r = 0; r < rows; r++) {
          column[r] = value(output.slot(), r, lookup, computed, fields);
        }
      }
      // List.of copies once; FeatureVector's List.copyOf then keeps it (Arrays.asList: two copies).
      results.add(new FeatureVector(List.of(column)));
    }
    return new OnlineFeaturesResponse(names, results);
  }

  /** The common length of every entity and request data column (0 without columns). */
  private static int rowCount(OnlineFeaturesRequest request) {
    String first = null;
    int rows = 0;
    for (Map<String, List<Object>> columns : List.of(request.entities(), request.requestData())) {
      for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
        if (first == null) {
          first = column.getKey();
          rows = column.getValue().size();
        } else if (column.getValue().size() != rows) {
          throw new OnlineRequestException("columns differ in length: '" + first + "' has " + rows + " values, '"
              + column.getKey() + "' has " + column.getValue().size());
        }
      }
    }
    return rows;
  }

  private static Object[][] keys(RequestPlan plan, OnlineFeaturesRequest request, int rows) {
    Object[][] keys = new Object[plan.joinKeys().size()][];
    for (int k = 0; k < keys.length; k++) {
      KeyNeed need = plan.joinKeys().get(k);
      String name = need.key().name();
      List<Object> values = request.entities().get(name);
      if (values == null) {
        throw new OnlineRequestException("the entities have no join key '" + name + "', which feature view '" + need.view()
            + "' needs; they have " + request.entities().keySet());
      }
      keys[k] = new Object[rows];
      // Built once per column, not per row: it only appears in errors.
      String label = "entity column " + name;
      for (int r = 0; r < rows; r++) {
        Object value = values.get(r);
        if (value == null) {
          throw new OnlineRequestException("entity column " + name + ", row " + r + ": a join key cannot be null");
        }
        keys[k][r] = Coercion.coerceKey(need.key().type(), value, label, r);
      }
    }
    return keys;
  }

  private static Map<String, Object[]> requestData(RequestPlan plan, OnlineFeaturesRequest request, int rows) {
    Map<String, Object[]> fields = new HashMap<>();
    for (RequestField field : plan.requestFields()) {
      List<Object> values = request.requestData().get(field.name());
      if (values == null) {
        throw new OnlineRequestException("on-demand feature " + field.neededBy().view() + ":" + field.neededBy().feature()
            + " needs request data field '" + field.name() + "' (" + field.type() + "), which the request does not have");
      }
      Object[] coerced = new Object[rows];
      String label = "request data " + field.name();
      for (int r = 0; r < rows; r++) {
        coerced[r] = Coercion.coerce(field.type(), values.get(r), label, r);
      }
      fields.put(field.name(), coerced);
    }
    return fields;
  }

  /**
   * One {@link EntityRow} per row, built as an immutable map that {@code EntityRow} keeps as is
   * (a {@code HashMap} per row would be built and then copied). Join key names are distinct (the
   * plan has one {@link KeyNeed} per name) and the coerced values non-null.
   */
  private static List<EntityRow> entityRows(RequestPlan plan, Object[][] keys, int rows) {
    List<EntityRow> entities = new ArrayList<>(rows);
    if (keys.length == 1) {
      String name = plan.joinKeys().get(0).key().name();
      for (int r = 0; r < rows; r++) {
        entities.add(EntityRow.of(name, keys[0][r]));
      }
      return entities;
    }
    String[] names = new String[keys.length];
    for (int k = 0; k < keys.length; k++) {
      names[k] = plan.joinKeys().get(k).key().name();
    }
    for (int r = 0; r < rows; r++) {
      @SuppressWarnings("unchecked")
      Map.Entry<String, Object>[] row = new Map.Entry[keys.length];
      for (int k = 0; k < keys.length; k++) {
        row[k] = Map.entry(names[k], keys[k][r]);
      }
      entities.add(new EntityRow(Map.ofEntries(row)));
    }
    return entities;
  }

  /** Evaluates the on-demand steps in dependency order, row by row. */
  private static FeatureValue[][] compute(RequestPlan plan, OnlineLookup lookup, Map<String, Object[]> fields, int rows) {
    FeatureValue[][] computed = new FeatureValue[plan.steps().size()][rows];
    for (int s = 0; s < computed.length; s++) {
      Step step = plan.steps().get(s);
      Object[] inputs = new Object[step.inputs().size()];
      for (int r = 0; r < rows; r++) {
        FeatureValue mismatch = null;
        long eventTime = FeatureValue.NO_EVENT_TIME;
        for (int i = 0; i < inputs.length; i++) {
          FeatureValue input = value(step.inputs().get(i), r, lookup, computed, fields);
          if (input.status() == Status.VERSION_MISMATCH && mismatch == null) {
            mismatch = input;
          }
          eventTime = Math.max(eventTime, input.eventTimeMicros());
          inputs[i] = input.value();
        }
        if (mismatch != null) {
          // An input from another definition version: computing would silently mix versions.
          computed[s][r] = new FeatureValue(null, Status.VERSION_MISMATCH, mismatch.eventTimeMicros());
        } else {
          Object result = step.expression().evaluateRow(inputs);
          computed[s][r] = new FeatureValue(result, result == null ? Status.NULL_VALUE : Status.PRESENT, eventTime);
        }
      }
    }
    return computed;
  }

  /**
   * The served value of a stored feature: what the store found, except when nothing is stored or
   * it was stored longer ago than the view's ttl. Then a count (or count_distinct) is 0, the value
   * the offline path computes for an entity without rows in the window (definitions refuse a ttl
   * shorter than a view's longest window, so a value older than the ttl means an empty window);
   * and a feature with a declared default is that default, status and event time kept, as the
   * training set has it where no row is in range. Another version keeps the value withheld.
   */
  private static FeatureValue stored(Stored slot, FeatureValue found) {
    Status status = found.status();
    if (status != Status.NOT_FOUND && status != Status.OUTSIDE_MAX_AGE) {
      return found;
    }
    if (slot.countsRows()) {
      return ZERO_COUNT;
    }
    return slot.defaultValue() == null ? found : new FeatureValue(slot.defaultValue(), status, found.eventTimeMicros());
  }

  private static FeatureValue value(Slot slot, int row, OnlineLookup lookup, FeatureValue[][] computed,
      Map<String, Object[]> fields) {
    if (slot instanceof Stored stored) {
      return stored(stored, lookup.view(stored.view()).value(row, stored.feature()));
    }
    if (slot instanceof Computed step) {
      return computed[step.step()][row];
    }
    Object value = fields.get(((Request) slot).field())[row];
    return new FeatureValue(value, value == null ? Status.NULL_VALUE : Status.PRESENT, FeatureValue.NO_EVENT_TIME);
  }
}
