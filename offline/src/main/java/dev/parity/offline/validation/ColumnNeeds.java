package dev.parity.offline.validation;

import dev.parity.definitions.Aggregation;
import dev.parity.definitions.DataType;
import dev.parity.definitions.Feature;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Source;
import dev.parity.definitions.ValidationRules;
import dev.parity.definitions.expr.CompiledExpression;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The columns a view's source must have, with their types: what the definition reads (join keys,
 * timestamps, features, expression and aggregation inputs, the declared source schema), the
 * columns validation rules are about, and the baseline's columns. Requirements on one column with
 * the same (or no) type merge into one, so each is checked and reported once.
 */
final class ColumnNeeds {

  /** One column requirement; {@code type} null means any readable type. */
  static final class Need {
    final String column;
    DataType type;
    boolean numeric;
    final Set<String> roles = new LinkedHashSet<>();
    RuleOrigin origin;

    Need(String column, DataType type, RuleOrigin origin) {
      this.column = column;
      this.type = type;
      this.origin = origin;
    }

    /** {@code float64}, {@code a number} or {@code a readable type}. */
    String expected() {
      return type != null ? type.yamlName() : numeric ? "a number" : "a readable type";
    }
  }

  private final List<Need> needs = new ArrayList<>();

  private ColumnNeeds() {}

  static ColumnNeeds of(FeatureRepository repository, FeatureView view, Source source, ValidationRules rules, Optional<Baseline> baseline) {
    ColumnNeeds needs = new ColumnNeeds();
    for (String entity : view.entities()) {
      repository.entity(entity).ifPresent(e -> e.joinKeys().forEach(k -> needs.add(k, null, false, "join key of " + entity, RuleOrigin.DEFINITION)));
    }
    needs.add(source.timestampColumn(), DataType.TIMESTAMP, false, "event timestamp", RuleOrigin.DEFINITION);
    source.createdTimestampColumn().ifPresent(c -> needs.add(c, DataType.TIMESTAMP, false, "created timestamp", RuleOrigin.DEFINITION));
    for (Feature feature : view.features()) {
      Optional<CompiledExpression> expr = repository.expression(new FeatureRef(view.name(), feature.name()));
      if (expr.isPresent()) {
        needs.addInputs(expr.get(), "input of feature " + feature.name());
      } else if (feature.expr().isEmpty()) {
        needs.add(feature.name(), feature.type(), false, "feature " + feature.name(), RuleOrigin.DEFINITION);
      }
    }
    for (Aggregation aggregation : view.aggregations()) {
      aggregation.column().ifPresent(c -> needs.add(c, null, false, "aggregation " + aggregation.name(), RuleOrigin.DEFINITION));
      repository.expression(new FeatureRef(view.name(), aggregation.name()))
          .ifPresent(expr -> needs.addInputs(expr, "input of aggregation " + aggregation.name()));
    }
    source.schema().forEach((column, type) -> needs.add(column, type.readsAs().orElse(null), false, "source schema", RuleOrigin.DEFINITION));
    rules.columns().forEach((column, r) -> needs.add(column, null, r.hasRange(), "validation rule", RuleOrigin.DECLARED));
    baseline.ifPresent(b -> b.types().forEach((column, type) -> needs.add(column, type, false, "baseline", RuleOrigin.INFERRED)));
    return needs;
  }

  private void addInputs(CompiledExpression expr, String role) {
    for (int i = 0; i < expr.inputs().size(); i++) {
      add(expr.inputs().get(i), expr.inputTypes().get(i), false, role, RuleOrigin.DEFINITION);
    }
  }

  private void add(String column, DataType type, boolean numeric, String role, RuleOrigin origin) {
    for (Need need : needs) {
      if (need.column.equals(column) && (need.type == null || type == null || need.type == type)) {
        if (need.type == null) {
          need.type = type;
        }
        need.numeric |= numeric;
        need.roles.add(role);
        need.origin = origin.ordinal() < need.origin.ordinal() ? origin : need.origin;
        return;
      }
    }
    Need need = new Need(column, type, origin);
    need.numeric = numeric;
    need.roles.add(role);
    needs.add(need);
  }

  List<Need> all() {
    return List.copyOf(needs);
  }
}
