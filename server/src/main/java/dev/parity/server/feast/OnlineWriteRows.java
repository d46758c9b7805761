package dev.parity.server.feast;

import dev.parity.definitions.DataType;
import dev.parity.definitions.Feature;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.RequestValues;
import dev.parity.definitions.Source;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.server.push.PushRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Feast's columns for one feature view turned into rows of the view's source, as push takes them.
 *
 * <ul>
 *   <li>{@code event_timestamp} is the source's event timestamp column, {@code created} its created
 *       timestamp column (dropped if the source has none: it only breaks ties), unless the
 *       columns already have the source's own names.
 *   <li>Join keys and plain features are source columns of the same name.
 *   <li>A feature Parity computes (a row transform) is not a source column: its values are
 *       compared, row by row, with what the view's compiled expression gives for the same row
 *       ({@link ComputedColumns#CHECK}; a difference is a {@link SkewException} naming the
 *       feature, the row and both values), or ignored ({@link ComputedColumns#RECOMPUTE}), and
 *       then left out: the push computes it again, as materialization does.
 * </ul>
 *
 * <p>Values that are not of their column's type are left for the push's checks to refuse (naming
 * row and column); a row whose expression inputs cannot be read is not compared. Floats are equal
 * within a relative {@value #RELATIVE_TOLERANCE}: Feast's client computes with NumPy, whose math
 * functions may differ from Java's {@code StrictMath} in the last bits, which is not skew. Stateless.
 */
final class OnlineWriteRows {
  static final double RELATIVE_TOLERANCE = 1e-12;
  static final String EVENT_TIMESTAMP = "event_timestamp";
  static final String CREATED = "created";
  private static final int LISTED = 10;

  private OnlineWriteRows() {}

  static PushRows of(FeatureRepository repository, FeatureView view, PushRows feast, ComputedColumns mode) {
    Source source = repository.source(view.source()).orElseThrow();
    Map<String, List<Object>> given = feast.columns();
    Map<String, String> renamed = new LinkedHashMap<>();
    if (!given.containsKey(source.timestampColumn())) {
      renamed.put(EVENT_TIMESTAMP, source.timestampColumn());
    }
    Optional<String> created = source.createdTimestampColumn();
    if (created.isEmpty()) {
      renamed.put(CREATED, null);
    } else if (!given.containsKey(created.get())) {
      renamed.put(CREATED, created.get());
    }
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    given.forEach((name, values) -> {
      String target = renamed.containsKey(name) ? renamed.get(name) : name;
      if (target != null && !isComputed(repository, view, name)) {
        columns.put(target, values);
      }
    });
    if (mode == ComputedColumns.CHECK) {
      check(repository, view, given, columns);
    }
    return new PushRows(columns);
  }

  private static boolean isComputed(FeatureRepository repository, FeatureView view, String column) {
    return view.features().stream().anyMatch(f -> f.name().equals(column))
        && repository.expression(new FeatureRef(view.name(), column)).isPresent();
  }

  private static void check(FeatureRepository repository, FeatureView view, Map<String, List<Object>> given,
      Map<String, List<Object>> sourceColumns) {
    List<String> mismatches = new ArrayList<>();
    for (Feature feature : view.features()) {
      List<Object> sent = given.get(feature.name());
      Optional<CompiledExpression> expression = repository.expression(new FeatureRef(view.name(), feature.name()));
      if (sent == null || expression.isEmpty()) {
        continue;
      }
      CompiledExpression expr = expression.get();
      for (int row = 0; row < sent.size() && mismatches.size() < LISTED; row++) {
        Optional<Object[]> inputs = inputs(expr, sourceColumns, row);
        if (inputs.isEmpty()) {
          continue;
        }
        Object computed = expr.evaluateRow(inputs.get());
        Object client = sent.get(row);
        if (!same(client, computed, expr.type())) {
          mismatches.add("row " + row + ", feature " + feature.name() + ": the client sent " + show(client)
              + ", Parity computes " + show(computed) + " from the same row (" + expr.source() + ")");
        }
      }
    }
    if (!mismatches.isEmpty()) {
      throw new SkewException("values of computed features differ from Parity's computation (training/serving "
          + "skew) in feature view " + view.name() + ": " + String.join("; ", mismatches)
          + (mismatches.size() >= LISTED ? "; and maybe more" : "") + "; nothing was written (the server option "
          + "feast.computedColumns: recompute writes Parity's values instead)");
    }
  }

  /** The expression's inputs in {@code row}, empty if one is missing or not of its type (the push refuses those). */
  private static Optional<Object[]> inputs(CompiledExpression expr, Map<String, List<Object>> columns, int row) {
    Object[] values = new Object[expr.inputs().size()];
    for (int i = 0; i < values.length; i++) {
      List<Object> column = columns.get(expr.inputs().get(i));
      if (column == null || row >= column.size()) {
        return Optional.empty();
      }
      Object raw = column.get(row);
      if (raw == null) {
        continue;
      }
      Optional<Object> typed = typed(raw, expr.inputTypes().get(i));
      if (typed.isEmpty()) {
        return Optional.empty();
      }
      values[i] = typed.get();
    }
    return Optional.of(values);
  }

  /** A request value as the row evaluator's representation of {@code type}; empty if it is not one. */
  private static Optional<Object> typed(Object raw, DataType type) {
    return switch (type) {
      case BOOL -> raw instanceof Boolean ? Optional.of(raw) : Optional.empty();
      case STRING -> raw instanceof String ? Optional.of(raw) : Optional.empty();
      case FLOAT64 -> raw instanceof BigDecimal d ? Optional.of(d.doubleValue()) : Optional.empty();
      case INT64 -> {
        if (raw instanceof BigDecimal d) {
          try {
            yield Optional.of(d.longValueExact());
          } catch (ArithmeticException notInt64) {
            yield Optional.empty();
          }
        }
        yield raw instanceof String id ? RequestValues.int64Id(id).map(Object.class::cast) : Optional.empty();
      }
      case TIMESTAMP -> RequestValues.time(raw).flatMap(OnlineWriteRows::micros);
    };
  }

  private static Optional<Object> micros(Instant instant) {
    try {
      return Optional.of(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
          instant.getNano() / 1_000));
    } catch (ArithmeticException outOfRange) {
      return Optional.empty();
    }
  }

  private static boolean same(Object client, Object computed, DataType type) {
    if (client == null || computed == null) {
      return client == null && computed == null;
    }
    Optional<Object> typed = typed(client, type);
    if (typed.isEmpty()) {
      return false;
    }
    if (type == DataType.FLOAT64) {
      double a = (Double) typed.get();
      double b = (Double) computed;
      return a == b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))
          || (Double.isNaN(a) && Double.isNaN(b));
    }
    return Objects.equals(typed.get(), computed);
  }

  private static String show(Object value) {
    if (value instanceof String s) {
      return '"' + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + '"';
    }
    return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
  }
}
